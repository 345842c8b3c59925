using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace KamajiKubeconfig.Chaos.Checks;

/// <summary>
/// The harness's own label selector semantics (apimachinery's): matchLabels and matchExpressions (In, NotIn, Exists,
/// DoesNotExist); absent or empty selects everything; invalid keys, values or operators make the selector invalid.
/// </summary>
public static partial class SelectorOracle
{
    /// <summary>Null when valid; otherwise why not.</summary>
    public static string? Problem(JsonNode? selector)
    {
        if (selector is null)
        {
            return null;
        }
        if (selector is not JsonObject o)
        {
            return "not an object";
        }
        foreach (var (key, value) in o["matchLabels"] as JsonObject ?? [])
        {
            if (!IsKey(key) || value?.GetValue<string>() is not { } v || !IsValue(v))
            {
                return $"invalid matchLabels entry {key}";
            }
        }
        foreach (var expression in (o["matchExpressions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var key = expression["key"]?.GetValue<string>() ?? "";
            var values = (expression["values"] as JsonArray ?? []).Select(v => v?.GetValue<string>() ?? "").ToList();
            var op = expression["operator"]?.GetValue<string>();
            if (!IsKey(key) || values.Any(v => !IsValue(v)))
            {
                return $"invalid matchExpressions entry {key}";
            }
            var ok = op switch
            {
                "In" or "NotIn" => values.Count > 0,
                "Exists" or "DoesNotExist" => values.Count == 0,
                _ => false,
            };
            if (!ok)
            {
                return $"invalid operator or values for {key}";
            }
        }
        return null;
    }

    public static bool Matches(JsonNode? selector, IReadOnlyDictionary<string, string> labels)
    {
        if (selector is not JsonObject o)
        {
            return true;
        }
        foreach (var (key, value) in o["matchLabels"] as JsonObject ?? [])
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value?.GetValue<string>())
            {
                return false;
            }
        }
        foreach (var expression in (o["matchExpressions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var key = expression["key"]!.GetValue<string>();
            var values = (expression["values"] as JsonArray ?? []).Select(v => v!.GetValue<string>()).ToHashSet();
            var has = labels.TryGetValue(key, out var actual);
            var ok = expression["operator"]!.GetValue<string>() switch
            {
                "In" => has && values.Contains(actual!),
                "NotIn" => !has || !values.Contains(actual!),
                "Exists" => has,
                _ => !has,
            };
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }

    public static Dictionary<string, string> Labels(JsonObject obj) =>
        (obj["metadata"]?["labels"] as JsonObject ?? []).ToDictionary(p => p.Key, p => p.Value?.GetValue<string>() ?? "", StringComparer.Ordinal);

    private static bool IsKey(string key)
    {
        var slash = key.LastIndexOf('/');
        var name = slash < 0 ? key : key[(slash + 1)..];
        var prefix = slash < 0 ? null : key[..slash];
        return name.Length is > 0 and <= 63 && NamePart().IsMatch(name)
            && (prefix is null || (prefix.Length is > 0 and <= 253 && Subdomain().IsMatch(prefix)));
    }

    private static bool IsValue(string value) => value.Length == 0 || (value.Length <= 63 && NamePart().IsMatch(value));

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")]
    private static partial Regex NamePart();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();
}
