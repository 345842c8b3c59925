using System.Text.Json.Nodes;

namespace KamajiKubeconfig.Tests.Manifests;

/// <summary>
/// apimachinery's label selector semantics for the cross-reference checks: a metav1.LabelSelector (matchLabels and
/// matchExpressions, as Deployments, PDBs and ServiceMonitors use) or a plain map (as Services use).
/// </summary>
public static class LabelSelectors
{
    public static Dictionary<string, string> Labels(JsonNode? map) =>
        map is JsonObject o ? o.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!.ToString(), StringComparer.Ordinal) : [];

    /// <summary>A plain map selects labels that contain all its pairs; an empty map selects nothing (Service semantics).</summary>
    public static bool MapSelects(JsonNode? selector, IReadOnlyDictionary<string, string> labels)
    {
        var wanted = Labels(selector);
        return wanted.Count > 0 && wanted.All(p => labels.TryGetValue(p.Key, out var v) && v == p.Value);
    }

    /// <summary>A metav1.LabelSelector; an empty one selects everything, an absent one nothing.</summary>
    public static bool Selects(JsonNode? selector, IReadOnlyDictionary<string, string> labels)
    {
        if (selector is not JsonObject s)
        {
            return false;
        }
        var matchLabels = Labels(s["matchLabels"]);
        var expressions = s["matchExpressions"] as JsonArray ?? [];
        return matchLabels.All(p => labels.TryGetValue(p.Key, out var v) && v == p.Value)
            && expressions.OfType<JsonObject>().All(e => ExpressionHolds(e, labels));
    }

    private static bool ExpressionHolds(JsonObject expression, IReadOnlyDictionary<string, string> labels)
    {
        var key = (string?)expression["key"] ?? "";
        var values = (expression["values"] as JsonArray ?? []).Select(v => v?.ToString()).ToHashSet();
        var has = labels.TryGetValue(key, out var value);
        return (string?)expression["operator"] switch
        {
            "In" => has && values.Contains(value),
            "NotIn" => !has || !values.Contains(value),
            "Exists" => has,
            "DoesNotExist" => !has,
            _ => false,
        };
    }

    /// <summary>A selector or label map as kubectl prints one: "a=b,c=d", sorted; "k in (x,y)", "k", "!k" for expressions.</summary>
    public static string Format(JsonNode? selector)
    {
        var map = selector is JsonObject s && (s.ContainsKey("matchLabels") || s.ContainsKey("matchExpressions")) ? s["matchLabels"] : selector;
        var terms = Labels(map).Select(p => $"{p.Key}={p.Value}").ToList();
        foreach (var e in (selector as JsonObject)?["matchExpressions"] as JsonArray ?? [])
        {
            var values = string.Join(",", (e?["values"] as JsonArray ?? []).Select(v => v?.ToString()));
            terms.Add((string?)e?["operator"] switch
            {
                "Exists" => $"{e?["key"]}",
                "DoesNotExist" => $"!{e?["key"]}",
                var op => $"{e?["key"]} {op?.ToLowerInvariant()} ({values})",
            });
        }
        return terms.Count == 0 ? "<empty>" : string.Join(",", terms.Order(StringComparer.Ordinal));
    }
}
