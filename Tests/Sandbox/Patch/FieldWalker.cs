using System.Text.Json;
using System.Text.Json.Nodes;

namespace KamajiKubeconfig.Sandbox.Patch;

/// <summary>Turns objects into field sets and navigates, merges and prunes objects along field paths.</summary>
public static class FieldWalker
{
    /// <summary>Metadata fields never recorded in managedFields (A10, stripmeta.go).</summary>
    private static readonly HashSet<string> StrippedMetadata =
        ["name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds", "generateName"];

    public static FieldSet Collect(JsonObject root, Topology topology)
    {
        var set = new FieldSet();
        foreach (var (key, value) in root)
        {
            if (key is "apiVersion" or "kind")
            {
                continue;
            }
            var path = new List<string> { "f:" + key };
            var child = topology.ForChild(key, parentIsRoot: true, inMetadata: false);
            if (key == "metadata" && value is JsonObject meta)
            {
                foreach (var (metaKey, metaValue) in meta)
                {
                    if (!StrippedMetadata.Contains(metaKey))
                    {
                        path.Add("f:" + metaKey);
                        CollectValue(metaValue, child.ForChild(metaKey, false, true), path, set);
                        path.RemoveAt(path.Count - 1);
                    }
                }
                continue;
            }
            CollectValue(value, child, path, set);
        }
        return set;
    }

    private static void CollectValue(JsonNode? value, Topology topology, List<string> path, FieldSet set)
    {
        switch (value)
        {
            case JsonObject obj when !topology.IsAtomic && obj.Count > 0:
                foreach (var (key, child) in obj)
                {
                    path.Add("f:" + key);
                    CollectValue(child, topology.ForChild(key, false, false), path, set);
                    path.RemoveAt(path.Count - 1);
                }
                break;
            case JsonArray list when topology.IsMapList && list.Count > 0:
                foreach (var item in list.OfType<JsonObject>())
                {
                    path.Add(ItemKey(item, topology.Keys));
                    set.Insert(path);
                    CollectValue(item, topology.ForItems(), path, set);
                    path.RemoveAt(path.Count - 1);
                }
                break;
            case JsonArray list when topology.IsSetList && list.Count > 0:
                foreach (var item in list)
                {
                    path.Add("v:" + (item?.ToJsonString() ?? "null"));
                    set.Insert(path);
                    path.RemoveAt(path.Count - 1);
                }
                break;
            default:
                set.Insert(path);
                break;
        }
    }

    public static string ItemKey(JsonObject item, IReadOnlyList<string> keys)
    {
        var key = new JsonObject();
        foreach (var k in keys)
        {
            key[k] = item[k]?.DeepClone();
        }
        return "k:" + key.ToJsonString();
    }

    /// <summary>The node at a path; found is false when the path does not exist.</summary>
    public static JsonNode? Navigate(JsonNode? root, IReadOnlyList<string> path, out bool found)
    {
        var current = root;
        foreach (var element in path)
        {
            var (parent, index, name) = Locate(current, element);
            if (parent is JsonObject o && name is not null && o.TryGetPropertyValue(name, out var child))
            {
                current = child;
            }
            else if (parent is JsonArray a && index >= 0)
            {
                current = a[index];
            }
            else
            {
                found = false;
                return null;
            }
        }
        found = true;
        return current;
    }

    /// <summary>Removes the node at a path, if present.</summary>
    public static void Remove(JsonNode root, IReadOnlyList<string> path)
    {
        if (path.Count == 0)
        {
            return;
        }
        var parent = Navigate(root, path.Take(path.Count - 1).ToList(), out var found);
        if (!found)
        {
            return;
        }
        var (container, index, name) = Locate(parent, path[^1]);
        if (container is JsonObject o && name is not null)
        {
            o.Remove(name);
        }
        else if (container is JsonArray a && index >= 0)
        {
            a.RemoveAt(index);
        }
    }

    private static (JsonNode? Container, int Index, string? Name) Locate(JsonNode? node, string element)
    {
        if (element.StartsWith("f:", StringComparison.Ordinal))
        {
            return (node as JsonObject, -1, element[2..]);
        }
        if (node is not JsonArray list)
        {
            return (null, -1, null);
        }
        if (element.StartsWith("k:", StringComparison.Ordinal))
        {
            var key = JsonNode.Parse(element[2..]) as JsonObject ?? [];
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i] is JsonObject item && key.All(k => JsonNode.DeepEquals(item[k.Key], k.Value)))
                {
                    return (list, i, null);
                }
            }
        }
        else if (element.StartsWith("v:", StringComparison.Ordinal))
        {
            JsonNode? value;
            try
            {
                value = JsonNode.Parse(element[2..]);
            }
            catch (JsonException)
            {
                return (null, -1, null);
            }
            for (var i = 0; i < list.Count; i++)
            {
                if (JsonNode.DeepEquals(list[i], value))
                {
                    return (list, i, null);
                }
            }
        }
        return (null, -1, null);
    }

    /// <summary>Merges an applied configuration into the live object following the topology (A10).</summary>
    public static JsonNode? Merge(JsonNode? live, JsonNode? applied, Topology topology, bool isRoot)
    {
        if (applied is JsonObject a && live is JsonObject l && !topology.IsAtomic)
        {
            var result = (JsonObject)l.DeepClone();
            foreach (var (key, value) in a)
            {
                if (value is null)
                {
                    result.Remove(key);
                    continue;
                }
                var childTopology = topology.ForChild(key, isRoot, false);
                result[key] = Merge(l[key], value, childTopology, false);
            }
            return result;
        }
        if (applied is JsonArray aa && live is JsonArray la && topology.IsMapList)
        {
            var result = (JsonArray)la.DeepClone();
            foreach (var item in aa.OfType<JsonObject>())
            {
                var key = ItemKey(item, topology.Keys);
                var (_, index, _) = Locate(result, key);
                if (index >= 0)
                {
                    result[index] = Merge(result[index], item, topology.ForItems(), false);
                }
                else
                {
                    result.Add(item.DeepClone());
                }
            }
            return result;
        }
        if (applied is JsonArray sa && live is JsonArray sl && topology.IsSetList)
        {
            var result = (JsonArray)sl.DeepClone();
            foreach (var item in sa.Where(i => !result.Any(r => JsonNode.DeepEquals(r, i))))
            {
                result.Add(item?.DeepClone());
            }
            return result;
        }
        return applied?.DeepClone();
    }
}
