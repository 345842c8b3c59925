using System.Text;
using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Json;

namespace KamajiKubeconfig.Sandbox.Api;

/// <summary>Secret specifics (A13): default type, stringData folded into data, base64 data, immutability.</summary>
public static class SecretRules
{
    public static void Normalize(JsonObject secret, JsonObject? current)
    {
        secret["type"] ??= current?["type"]?.DeepClone() ?? "Opaque";
        if (secret["data"] is JsonObject data)
        {
            foreach (var (key, value) in data)
            {
                var text = value?.GetValue<string>() ?? "";
                if (!IsBase64(text))
                {
                    throw StatusFactory.BadRequest($"Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input byte {Math.Max(0, text.Length - 1)}");
                }
                _ = key;
            }
        }
        if (secret["stringData"] is JsonObject stringData)
        {
            var target = secret["data"] as JsonObject ?? [];
            foreach (var (key, value) in stringData)
            {
                target[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value?.GetValue<string>() ?? ""));
            }
            secret["data"] = target;
            secret.Remove("stringData");
        }
    }

    private static bool IsBase64(string text)
    {
        var buffer = new byte[(text.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(text, buffer, out _);
    }

    public static IEnumerable<StatusFactory.Cause> ImmutabilityProblems(JsonObject current, JsonObject desired)
    {
        if (current.GetString("type") != desired.GetString("type"))
        {
            yield return new("FieldValueInvalid", "type", $"type: Invalid value: \"{desired.GetString("type")}\": field is immutable");
        }
        if (current["immutable"] is JsonValue v && v.TryGetValue<bool>(out var immutable) && immutable)
        {
            if (!JsonNode.DeepEquals(current["data"], desired["data"]))
            {
                yield return NameValidation.Forbidden("data", "field is immutable when `immutable` is set");
            }
            if (desired["immutable"] is not JsonValue nv || !nv.TryGetValue<bool>(out var still) || !still)
            {
                yield return NameValidation.Forbidden("immutable", "field is immutable when `immutable` is set");
            }
        }
    }

}
