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

    /// <summary>The size limit of a Secret's data (core.MaxSecretSize): 1 MiB.</summary>
    public const int MaxSecretSize = 1024 * 1024;

    /// <summary>ValidateSecret (pkg/apis/core/validation): data keys, total size, and the keys each type requires.</summary>
    public static IEnumerable<StatusFactory.Cause> Problems(JsonObject secret)
    {
        var data = secret["data"] as JsonObject ?? [];
        long total = 0;
        foreach (var (key, value) in data)
        {
            foreach (var problem in ConfigMapKeyProblems("data", key))
            {
                yield return problem;
            }
            var text = value?.GetValue<string>() ?? "";
            total += text.Length / 4 * 3 - (text.EndsWith("==", StringComparison.Ordinal) ? 2 : text.EndsWith('=') ? 1 : 0);
        }
        if (total > MaxSecretSize)
        {
            yield return new("FieldValueTooLong", "data", $"data: Too long: must have at most {MaxSecretSize} bytes");
        }
        switch (secret.GetString("type"))
        {
            case "kubernetes.io/service-account-token" when string.IsNullOrEmpty(secret.GetString("metadata", "annotations", "kubernetes.io/service-account.name")):
                yield return NameValidation.Required("metadata.annotations[kubernetes.io/service-account.name]", "");
                break;
            case "kubernetes.io/dockercfg" when !data.ContainsKey(".dockercfg"):
                yield return NameValidation.Required("data[.dockercfg]", "");
                break;
            case "kubernetes.io/dockerconfigjson" when !data.ContainsKey(".dockerconfigjson"):
                yield return NameValidation.Required("data[.dockerconfigjson]", "");
                break;
            case "kubernetes.io/basic-auth" when !data.ContainsKey("username") && !data.ContainsKey("password"):
                // The real validation builds these paths from a literal "data[%s]" (sic).
                yield return NameValidation.Required("data[%s][username]", "");
                yield return NameValidation.Required("data[%s][password]", "");
                break;
            case "kubernetes.io/ssh-auth" when string.IsNullOrEmpty(data.GetString("ssh-privatekey")):
                yield return NameValidation.Required("data[%s][ssh-privatekey]", "");
                break;
            case "kubernetes.io/tls":
                if (!data.ContainsKey("tls.crt"))
                {
                    yield return NameValidation.Required("data[tls.crt]", "");
                }
                if (!data.ContainsKey("tls.key"))
                {
                    yield return NameValidation.Required("data[tls.key]", "");
                }
                break;
        }
    }

    /// <summary>validation.IsConfigMapKey for one key of <paramref name="field"/> (Secret data, ConfigMap data/binaryData).</summary>
    public static IEnumerable<StatusFactory.Cause> ConfigMapKeyProblems(string field, string key)
    {
        var path = $"{field}[{key}]";
        var quoted = System.Text.Json.JsonSerializer.Serialize(key);
        if (key.Length > 253)
        {
            yield return new("FieldValueInvalid", path, $"{path}: Invalid value: {quoted}: must be no more than 253 characters");
        }
        if (key.Length == 0 || key.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            yield return new("FieldValueInvalid", path, $"{path}: Invalid value: {quoted}: a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')");
        }
        var chdir = key switch
        {
            "." => "must not be '.'",
            ".." => "must not be '..'",
            _ when key.StartsWith("..", StringComparison.Ordinal) => "must not start with '..'",
            _ => null,
        };
        if (chdir is not null)
        {
            yield return new("FieldValueInvalid", path, $"{path}: Invalid value: {quoted}: {chdir}");
        }
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
