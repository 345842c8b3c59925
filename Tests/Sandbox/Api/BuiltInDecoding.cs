using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KamajiKubeconfig.Sandbox.Json;

namespace KamajiKubeconfig.Sandbox.Api;

/// <summary>
/// What kube-apiserver's JSON decoder does to a built-in kind: fields the Go type lacks are unknown (refused under
/// fieldValidation=Strict, a warning under Warn, silently dropped under Ignore, and never stored), and metav1.Time /
/// MicroTime values are re-encoded in UTC (Time to whole seconds, MicroTime to six digits).
/// </summary>
public static partial class BuiltInDecoding
{
    /// <summary>Unknown fields by path ("bogus", "spec.holder", "spec.containers[0].x"), in document order.</summary>
    public static List<string> UnknownFields(JsonObject obj, JsonObject schema)
    {
        var found = new List<string>();
        Walk(obj, schema, "", found, prune: false);
        return found;
    }

    /// <summary>
    /// The first value whose JSON kind its Go field cannot take, as encoding/json reports it ("json: cannot unmarshal
    /// string into Go struct field PodSecurityContext.spec.template.spec.securityContext.runAsUser of type int64"):
    /// the field path is the JSON names from the root, without list indexes. Null when every value fits.
    /// </summary>
    public static string? TypeError(JsonObject obj, JsonObject schema) => TypeError(obj, schema, [], null);

    // inherited: for map values and list items, the Go field holding them (with its element type).
    private static string? TypeError(JsonNode? node, JsonObject? schema, List<string> fields, BuiltInSchemas.GoField? inherited)
    {
        if (node is null || schema is null || schema["x-kubernetes-preserve-unknown-fields"] is JsonValue || schema["x-kubernetes-int-or-string"] is JsonValue)
        {
            return null;
        }
        var expected = schema.GetString("type");
        var actual = node switch
        {
            JsonObject => "object",
            JsonArray => "array",
            _ => node.GetValueKind() switch
            {
                System.Text.Json.JsonValueKind.String => "string",
                System.Text.Json.JsonValueKind.Number => "number",
                _ => "bool",
            },
        };
        var fits = expected switch
        {
            "object" => actual == "object",
            "array" => actual == "array",
            "string" => actual == "string",
            "boolean" => actual == "bool",
            "integer" => actual == "number" && long.TryParse(node.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
            "number" => actual == "number",
            _ => true,
        };
        if (!fits && fields.Count > 0 && (BuiltInSchemas.GoFieldOf(schema) ?? inherited) is { } go)
        {
            // A number is "number <literal>" only where it failed to parse as the integer the field wants.
            var value = actual == "number" && expected == "integer" ? $"number {node.ToJsonString()}" : actual;
            return $"json: cannot unmarshal {value} into Go struct field {go.Struct}.{string.Join('.', fields)} of type {go.Type}";
        }
        if (!fits)
        {
            return null;
        }
        if (node is JsonObject obj && schema["properties"] is JsonObject properties)
        {
            foreach (var (key, value) in obj)
            {
                if (properties[key] is JsonObject child)
                {
                    fields.Add(key);
                    var error = TypeError(value, child, fields, null);
                    fields.RemoveAt(fields.Count - 1);
                    if (error is not null)
                    {
                        return error;
                    }
                }
            }
        }
        else if (node is JsonObject map && schema["additionalProperties"] is JsonObject values)
        {
            // encoding/json names the map field, not the key: "Go struct field ConfigMap.data of type string".
            var element = Element(BuiltInSchemas.GoFieldOf(schema) ?? inherited, "map[string]");
            foreach (var (_, value) in map)
            {
                if (TypeError(value, values, fields, element) is { } error)
                {
                    return error;
                }
            }
        }
        else if (node is JsonArray list && schema["items"] is JsonObject items)
        {
            var element = Element(BuiltInSchemas.GoFieldOf(schema) ?? inherited, "[]");
            foreach (var item in list)
            {
                if (TypeError(item, items, fields, element) is { } error)
                {
                    return error;
                }
            }
        }
        return null;
    }

    private static BuiltInSchemas.GoField? Element(BuiltInSchemas.GoField? container, string prefix) =>
        container is not null && container.Type.StartsWith(prefix, StringComparison.Ordinal) ? container with { Type = container.Type[prefix.Length..] } : null;

    /// <summary>Drops every unknown field.</summary>
    public static void Prune(JsonObject obj, JsonObject schema) => Walk(obj, schema, "", [], prune: true);

    private static void Walk(JsonNode? node, JsonObject? schema, string path, List<string> found, bool prune)
    {
        if (schema is null || schema["x-kubernetes-preserve-unknown-fields"] is JsonValue)
        {
            return;
        }
        if (node is JsonObject obj)
        {
            var properties = schema["properties"] as JsonObject;
            var additional = schema["additionalProperties"] as JsonObject;
            if (properties is null && additional is null)
            {
                return;
            }
            foreach (var (key, value) in obj.ToList())
            {
                var childPath = path.Length == 0 ? key : $"{path}.{key}";
                var child = properties?[key] as JsonObject ?? additional;
                if (child is null && !(path.Length == 0 && key is "apiVersion" or "kind"))
                {
                    found.Add(childPath);
                    if (prune)
                    {
                        obj.Remove(key);
                    }
                    continue;
                }
                Walk(value, child, childPath, found, prune);
            }
        }
        else if (node is JsonArray list && schema["items"] is JsonObject items)
        {
            for (var i = 0; i < list.Count; i++)
            {
                Walk(list[i], items, $"{path}[{i}]", found, prune);
            }
        }
    }

    /// <summary>Re-encodes the Time and MicroTime fields of a stored-shape object in UTC.</summary>
    public static void NormalizeTimes(ResourceType type, JsonObject obj, JsonObject schema)
    {
        var micro = BuiltInTypes.MicroTimeFields(type).Select(p => string.Join('.', p)).ToHashSet(StringComparer.Ordinal);
        Times(type, obj, schema, "", micro);
    }

    private static void Times(ResourceType type, JsonNode? node, JsonObject? schema, string path, HashSet<string> micro)
    {
        if (schema is null || node is null)
        {
            return;
        }
        if (node is JsonObject obj)
        {
            foreach (var (key, value) in obj.ToList())
            {
                var child = schema.Get("properties", key) as JsonObject ?? schema["additionalProperties"] as JsonObject;
                var childPath = path.Length == 0 ? key : $"{path}.{key}";
                if (child?.GetString("format") == "date-time" && value is JsonValue v && v.TryGetValue<string>(out var text))
                {
                    obj[key] = micro.Contains(childPath) ? Micro(text) : Time(type, text);
                    continue;
                }
                Times(type, value, child, childPath, micro);
            }
        }
        else if (node is JsonArray list && schema["items"] is JsonObject items)
        {
            foreach (var item in list)
            {
                Times(type, item, items, path, micro);
            }
        }
    }

    /// <summary>metav1.Time: RFC3339 in, UTC to the second out (time.go MarshalJSON).</summary>
    private static string Time(ResourceType type, string text)
    {
        var match = Rfc3339().Match(text);
        if (!match.Success || !DateTimeOffset.TryParseExact(match.Groups[1].Value + match.Groups[3].Value.Replace("Z", "+00:00", StringComparison.Ordinal),
                "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            throw StatusFactory.BadRequest($"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: parsing time \"{text}\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"{text}\" as \"2006-01-02T15:04:05Z07:00\"");
        }
        return ObjectRules.FormatTime(time);
    }

    // Go's time.RFC3339 layout as a parser reads it: any number of fractional digits, Z or a numeric offset.
    [GeneratedRegex(@"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339();

    /// <summary>metav1.MicroTime (already checked to have six digits): UTC with six digits out (micro_time.go).</summary>
    private static string Micro(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
