using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Json;

namespace KamajiKubeconfig.Sandbox.Http.Handlers;

/// <summary>Finds fields that a structural CRD schema does not declare (strict field validation).</summary>
public static class SchemaCheck
{
    public static IEnumerable<string> UnknownFields(JsonObject obj, JsonObject schema) => Walk(obj, schema, "", isRoot: true);

    private static IEnumerable<string> Walk(JsonNode? node, JsonObject? schema, string path, bool isRoot)
    {
        if (schema is null || schema["x-kubernetes-preserve-unknown-fields"] is JsonValue p && p.GetValue<bool>())
        {
            yield break;
        }
        if (node is JsonObject obj)
        {
            var properties = schema["properties"] as JsonObject;
            var additional = schema["additionalProperties"] as JsonObject;
            foreach (var (key, value) in obj)
            {
                if (isRoot && key is "apiVersion" or "kind" or "metadata")
                {
                    continue;
                }
                var childPath = path.Length == 0 ? key : $"{path}.{key}";
                var child = properties?[key] as JsonObject ?? additional;
                if (child is null && (properties is not null || schema.GetString("type") == "object"))
                {
                    yield return childPath;
                    continue;
                }
                foreach (var unknown in Walk(value, child, childPath, false))
                {
                    yield return unknown;
                }
            }
        }
        else if (node is JsonArray list && schema["items"] is JsonObject items)
        {
            for (var i = 0; i < list.Count; i++)
            {
                foreach (var unknown in Walk(list[i], items, $"{path}[{i}]", false))
                {
                    yield return unknown;
                }
            }
        }
    }
}
