using System.Text.Json;
using System.Text.Json.Nodes;

namespace KamajiKubeconfig.Sandbox.Json;

/// <summary>Small helpers for reading and writing nested fields of schema-less objects.</summary>
public static class JsonPaths
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    public static JsonObject Metadata(this JsonObject obj)
    {
        if (obj["metadata"] is JsonObject meta)
        {
            return meta;
        }
        meta = [];
        obj["metadata"] = meta;
        return meta;
    }

    public static string? GetString(this JsonNode? node, params string[] path)
    {
        var current = node;
        foreach (var segment in path)
        {
            current = current is JsonObject o ? o[segment] : null;
        }
        return current is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
    }

    public static JsonNode? Get(this JsonNode? node, params string[] path)
    {
        var current = node;
        foreach (var segment in path)
        {
            current = current is JsonObject o ? o[segment] : null;
        }
        return current;
    }

    /// <summary>Sets a nested value, creating intermediate objects.</summary>
    public static void Set(this JsonObject obj, JsonNode? value, params string[] path)
    {
        var current = obj;
        for (var i = 0; i < path.Length - 1; i++)
        {
            if (current[path[i]] is not JsonObject next)
            {
                next = [];
                current[path[i]] = next;
            }
            current = next;
        }
        current[path[^1]] = value;
    }

    public static Dictionary<string, string> StringMap(this JsonNode? node)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is JsonObject o)
        {
            foreach (var (k, v) in o)
            {
                result[k] = v is JsonValue jv && jv.TryGetValue<string>(out var s) ? s : v?.ToJsonString() ?? "";
            }
        }
        return result;
    }

    public static List<string> StringList(this JsonNode? node) =>
        node is JsonArray a ? [.. a.Select(x => x is JsonValue v && v.TryGetValue<string>(out var s) ? s : x?.ToJsonString() ?? "")] : [];

    public static string ToCompactJson(this JsonNode node) => node.ToJsonString(Compact);

    public static JsonObject ParseObject(string json) =>
        JsonNode.Parse(json) as JsonObject ?? throw new JsonException("expected a JSON object");
}
