using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Api;
using KamajiKubeconfig.Sandbox.Json;

namespace KamajiKubeconfig.Sandbox.Patch;

/// <summary>Keeps managedFields up to date for non-apply writes (A10 rule 3): the writer takes every field it changed.</summary>
public static class FieldManager
{
    public static Topology RootTopology(ResourceType type) => Topology.Granular(type.Schema);

    /// <summary>Fields that do not take part in ownership for this endpoint (A8 reset fields).</summary>
    public static void StripResetFields(ResourceType type, string? subresource, FieldSet set)
    {
        if (subresource == "status")
        {
            foreach (var key in set.Children.Keys.Where(k => k != "f:status").ToList())
            {
                set.Remove([key]);
                RemoveSubtree(set, key);
            }
        }
        else if (type.HasStatusSubresource && type.IsCustom)
        {
            RemoveSubtree(set, "f:status");
        }
    }

    private static void RemoveSubtree(FieldSet set, string key)
    {
        if (set.Children.TryGetValue(key, out var child))
        {
            foreach (var member in child.Members().ToList())
            {
                set.Remove([key, .. member]);
            }
        }
    }

    /// <summary>Updates <paramref name="updated"/>'s managedFields after an Update operation by <paramref name="manager"/>.</summary>
    public static void RecordUpdate(ResourceType type, string? subresource, JsonObject? previous, JsonObject updated, string manager, string now)
    {
        var entries = previous is null ? [] : ManagedFieldsEntry.ReadAll(previous);
        if (updated["metadata"]?["managedFields"] is JsonArray given && previous is not null
            && !JsonNode.DeepEquals(given, previous["metadata"]?["managedFields"]))
        {
            // A client may rewrite managedFields explicitly (kubectl does so to migrate client-side apply).
            entries = ManagedFieldsEntry.ReadAll(updated);
        }
        var topology = RootTopology(type);
        var newSet = FieldWalker.Collect(updated, topology);
        StripResetFields(type, subresource, newSet);
        var changed = new FieldSet();
        foreach (var path in newSet.Members())
        {
            var after = FieldWalker.Navigate(updated, path, out _);
            var before = previous is null ? null : FieldWalker.Navigate(previous, path, out var existed);
            if (previous is null || !JsonNode.DeepEquals(before, after) || !ExistsIn(previous, path))
            {
                changed.Insert(path);
            }
        }
        foreach (var mapPath in MapPaths(type, updated))
        {
            // A map this write created is itself owned by the writer: the "." entry of structured-merge-diff's
            // Update operations (structs are not, and apply never records maps it merely filled).
            if (newSet.ContainsPrefix(mapPath) && (previous is null || !ExistsIn(previous, mapPath)))
            {
                changed.Insert(mapPath);
            }
        }
        var removed = new List<IReadOnlyList<string>>();
        if (previous is not null)
        {
            var oldSet = FieldWalker.Collect(previous, topology);
            StripResetFields(type, subresource, oldSet);
            removed.AddRange(oldSet.Members().Where(p => !newSet.Contains(p)));
        }
        foreach (var entry in entries)
        {
            foreach (var path in changed.Members().Concat(removed))
            {
                entry.Fields.Remove(path);
            }
        }
        var mine = entries.FirstOrDefault(e => e.SameOwner(manager, "Update", subresource) && e.ApiVersion == type.GroupVersion);
        if (mine is null && !changed.IsEmpty)
        {
            mine = new ManagedFieldsEntry { Manager = manager, Operation = "Update", ApiVersion = type.GroupVersion, Subresource = subresource, Fields = new FieldSet() };
            entries.Add(mine);
        }
        if (mine is not null && !changed.IsEmpty)
        {
            foreach (var path in changed.Members())
            {
                mine.Fields.Insert(path);
            }
            mine.Time = now;
        }
        ManagedFieldsEntry.WriteAll(updated, entries);
    }

    /// <summary>Paths of the non-empty granular maps of an object (labels, annotations, map-typed fields), lists not entered.</summary>
    private static List<List<string>> MapPaths(ResourceType type, JsonObject obj)
    {
        var paths = new List<List<string>>();
        foreach (var key in new[] { "labels", "annotations" })
        {
            if (obj.Get("metadata", key) is JsonObject { Count: > 0 })
            {
                paths.Add(["f:metadata", "f:" + key]);
            }
        }
        var schema = BuiltInSchemas.For(type) ?? type.Schema;
        foreach (var (key, value) in obj)
        {
            if (key is not ("apiVersion" or "kind" or "metadata") && schema?.Get("properties", key) is JsonObject child)
            {
                Maps(value, child, ["f:" + key], paths);
            }
        }
        return paths;
    }

    private static void Maps(JsonNode? value, JsonObject schema, List<string> path, List<List<string>> paths)
    {
        if (value is not JsonObject { Count: > 0 } obj)
        {
            return;
        }
        var properties = schema["properties"] as JsonObject;
        if (properties is null && (schema["additionalProperties"] is JsonObject || schema["x-kubernetes-preserve-unknown-fields"] is JsonValue))
        {
            paths.Add([.. path]);
        }
        foreach (var (key, child) in obj)
        {
            if ((properties?[key] ?? schema["additionalProperties"]) is JsonObject childSchema)
            {
                Maps(child, childSchema, [.. path, "f:" + key], paths);
            }
        }
    }

    private static bool ExistsIn(JsonObject obj, IReadOnlyList<string> path)
    {
        FieldWalker.Navigate(obj, path, out var found);
        return found;
    }
}
