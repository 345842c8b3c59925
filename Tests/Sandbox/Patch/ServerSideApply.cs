using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Api;

namespace KamajiKubeconfig.Sandbox.Patch;

/// <summary>
/// A schema-light structured-merge-diff (A10): ownership per field, 409 on conflicting changes unless forced,
/// removal of fields a manager stops applying when nobody else owns them, granular maps, ownerReferences by uid,
/// finalizers as a set, CRD lists per x-kubernetes-list-type.
/// </summary>
public static class ServerSideApply
{
    public static JsonObject Apply(ResourceType type, string? subresource, JsonObject? live, JsonObject applied, string manager, bool force, string now)
    {
        var topology = FieldManager.RootTopology(type);
        var config = (JsonObject)applied.DeepClone();
        if (subresource == "status")
        {
            foreach (var key in config.Select(p => p.Key).Where(k => k is not ("status" or "apiVersion" or "kind" or "metadata")).ToList())
            {
                config.Remove(key);
            }
            (config["metadata"] as JsonObject)?.Clear();
        }
        else if (type.HasStatusSubresource && type.IsCustom)
        {
            config.Remove("status");
        }
        config["metadata"]?.AsObject().Remove("resourceVersion");
        var appliedSet = FieldWalker.Collect(config, topology);
        FieldManager.StripResetFields(type, subresource, appliedSet);
        var entries = live is null ? [] : ManagedFieldsEntry.ReadAll(live);
        var mine = entries.FirstOrDefault(e => e.SameOwner(manager, "Apply", subresource));
        var conflicts = FindConflicts(live, config, appliedSet, entries, mine);
        if (conflicts.Count > 0 && !force)
        {
            throw ConflictError(conflicts);
        }
        foreach (var (entry, path) in conflicts)
        {
            entry.Fields.Remove(path);
        }
        var merged = (JsonObject)FieldWalker.Merge(live ?? new JsonObject(), config, topology, isRoot: true)!;
        if (mine is not null)
        {
            // Parents first; once a node is removed its descendants go with it.
            var removed = new List<IReadOnlyList<string>>();
            foreach (var path in mine.Fields.Members().Where(p => !appliedSet.Contains(p)).OrderBy(p => p.Count))
            {
                if (removed.Any(r => r.Count < path.Count && r.SequenceEqual(path.Take(r.Count))))
                {
                    continue;
                }
                if (!entries.Any(e => e != mine && e.Fields.ContainsPrefix(path)) && !appliedSet.ContainsPrefix(path))
                {
                    FieldWalker.Remove(merged, path);
                    removed.Add(path);
                }
            }
        }
        if (mine is null)
        {
            mine = new ManagedFieldsEntry { Manager = manager, Operation = "Apply", ApiVersion = type.GroupVersion, Subresource = subresource, Fields = appliedSet, Time = now };
            entries.Add(mine);
        }
        else if (!mine.Fields.SetEquals(appliedSet) || mine.ApiVersion != type.GroupVersion || !SameContent(live, merged))
        {
            mine.Fields = appliedSet;
            mine.ApiVersion = type.GroupVersion;
            mine.Time = now;
        }
        ManagedFieldsEntry.WriteAll(merged, entries);
        return merged;
    }

    private static bool SameContent(JsonObject? live, JsonObject merged)
    {
        if (live is null)
        {
            return false;
        }
        var a = (JsonObject)live.DeepClone();
        var b = (JsonObject)merged.DeepClone();
        a["metadata"]?.AsObject().Remove("managedFields");
        b["metadata"]?.AsObject().Remove("managedFields");
        return JsonNode.DeepEquals(a, b);
    }

    private static List<(ManagedFieldsEntry Entry, IReadOnlyList<string> Path)> FindConflicts(
        JsonObject? live, JsonObject config, FieldSet appliedSet, List<ManagedFieldsEntry> entries, ManagedFieldsEntry? mine)
    {
        var conflicts = new List<(ManagedFieldsEntry, IReadOnlyList<string>)>();
        if (live is null)
        {
            return conflicts;
        }
        foreach (var path in appliedSet.Members())
        {
            if (path[^1].StartsWith("k:", StringComparison.Ordinal) || path[^1].StartsWith("v:", StringComparison.Ordinal))
            {
                continue;
            }
            var current = FieldWalker.Navigate(live, path, out var exists);
            if (!exists || JsonNode.DeepEquals(current, FieldWalker.Navigate(config, path, out _)))
            {
                continue;
            }
            foreach (var entry in entries.Where(e => e != mine && e.Fields.Contains(path)))
            {
                conflicts.Add((entry, path));
            }
        }
        return conflicts;
    }

    private static ApiException ConflictError(List<(ManagedFieldsEntry Entry, IReadOnlyList<string> Path)> conflicts)
    {
        var causes = new JsonArray();
        foreach (var (entry, path) in conflicts)
        {
            causes.Add(new JsonObject { ["reason"] = "FieldManagerConflict", ["message"] = $"conflict with {PrintManager(entry)}", ["field"] = PathString(path) });
        }
        string message;
        if (conflicts.Count == 1)
        {
            message = $"Apply failed with 1 conflict: conflict with {PrintManager(conflicts[0].Entry)}: {PathString(conflicts[0].Path)}";
        }
        else
        {
            var lines = new List<string>();
            foreach (var group in conflicts.GroupBy(c => PrintManager(c.Entry)).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                lines.Add($"conflicts with {group.Key}:");
                lines.AddRange(group.Select(c => "- " + PathString(c.Path)));
            }
            message = string.Create(CultureInfo.InvariantCulture, $"Apply failed with {conflicts.Count} conflicts: {string.Join("\n", lines)}");
        }
        return new ApiException(StatusFactory.Failure(409, "Conflict", message, new JsonObject { ["causes"] = causes }));
    }

    private static string PrintManager(ManagedFieldsEntry entry)
    {
        var text = $"\"{entry.Manager}\"";
        if (!string.IsNullOrEmpty(entry.Subresource))
        {
            text += $" with subresource \"{entry.Subresource}\"";
        }
        if (entry.Operation == "Update")
        {
            text += entry.Time is null ? $" using {entry.ApiVersion}" : $" using {entry.ApiVersion} at {entry.Time}";
        }
        return text;
    }

    /// <summary>structured-merge-diff's path notation: .spec.x, [uid="..."], [="value"].</summary>
    public static string PathString(IReadOnlyList<string> path)
    {
        var builder = new StringBuilder();
        foreach (var element in path)
        {
            if (element.StartsWith("f:", StringComparison.Ordinal))
            {
                builder.Append('.').Append(element[2..]);
            }
            else if (element.StartsWith("k:", StringComparison.Ordinal) && JsonNode.Parse(element[2..]) is JsonObject key)
            {
                builder.Append('[').Append(string.Join(",", key.Select(k => $"{k.Key}={k.Value?.ToJsonString()}"))).Append(']');
            }
            else if (element.StartsWith("v:", StringComparison.Ordinal))
            {
                builder.Append("[=").Append(element[2..]).Append(']');
            }
        }
        return builder.ToString();
    }
}
