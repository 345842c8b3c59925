using System.Text.Json.Nodes;

namespace KamajiKubeconfig.Sandbox.Patch;

/// <summary>
/// Strategic merge patch for the built-in types served here: like a merge patch, except ownerReferences merge by uid
/// and finalizers merge as a set; $patch (replace/delete), $deleteFromPrimitiveList and $setElementOrder are honoured.
/// </summary>
public static class StrategicMergePatch
{
    private static readonly Dictionary<string, string> MergeKeys = new(StringComparer.Ordinal) { ["ownerReferences"] = "uid" };

    private static readonly HashSet<string> PrimitiveMergeLists = ["finalizers"];

    public static JsonNode? Apply(JsonNode? target, JsonNode? patch, bool inMetadata = false)
    {
        if (patch is not JsonObject p)
        {
            return patch?.DeepClone();
        }
        if (p["$patch"]?.GetValue<string>() == "replace")
        {
            var replaced = (JsonObject)p.DeepClone();
            replaced.Remove("$patch");
            return replaced;
        }
        var result = target is JsonObject t ? (JsonObject)t.DeepClone() : [];
        foreach (var (key, value) in p)
        {
            if (key.StartsWith("$setElementOrder/", StringComparison.Ordinal) || key == "$retainKeys" || key == "$patch")
            {
                continue;
            }
            if (key.StartsWith("$deleteFromPrimitiveList/", StringComparison.Ordinal))
            {
                var field = key["$deleteFromPrimitiveList/".Length..];
                if (result[field] is JsonArray existing && value is JsonArray remove)
                {
                    result[field] = new JsonArray([.. existing.Where(e => !remove.Any(r => JsonNode.DeepEquals(r, e))).Select(e => e?.DeepClone())]);
                }
                continue;
            }
            if (value is null)
            {
                result.Remove(key);
                continue;
            }
            var isMetadata = key == "metadata";
            if (inMetadata && MergeKeys.TryGetValue(key, out var mergeKey) && value is JsonArray items)
            {
                result[key] = MergeByKey(result[key] as JsonArray, items, mergeKey);
            }
            else if (inMetadata && PrimitiveMergeLists.Contains(key) && value is JsonArray values)
            {
                var merged = result[key] is JsonArray old ? (JsonArray)old.DeepClone() : [];
                foreach (var v in values.Where(v => !merged.Any(m => JsonNode.DeepEquals(m, v))))
                {
                    merged.Add(v?.DeepClone());
                }
                result[key] = merged;
            }
            else
            {
                result[key] = Apply(result[key], value, isMetadata);
            }
        }
        return result;
    }

    private static JsonArray MergeByKey(JsonArray? existing, JsonArray patch, string mergeKey)
    {
        var result = existing is null ? [] : (JsonArray)existing.DeepClone();
        foreach (var item in patch.OfType<JsonObject>())
        {
            var key = item[mergeKey];
            var index = result.Select((e, i) => (e, i)).FirstOrDefault(x => JsonNode.DeepEquals((x.e as JsonObject)?[mergeKey], key), (null, -1)).Item2;
            var directive = item["$patch"]?.GetValue<string>();
            if (directive == "delete")
            {
                if (index >= 0)
                {
                    result.RemoveAt(index);
                }
            }
            else if (index >= 0)
            {
                result[index] = Apply(result[index], item);
            }
            else
            {
                result.Add(item.DeepClone());
            }
        }
        return result;
    }
}
