using System.Globalization;
using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Api;
using KamajiKubeconfig.Sandbox.Json;
using KamajiKubeconfig.Sandbox.Storage;

namespace KamajiKubeconfig.Sandbox.Controllers;

/// <summary>
/// The status conditions kube-controller-manager's namespace deleter keeps on a Terminating namespace
/// (pkg/controller/namespace/deletion/namespace_condition_utils.go): the five condition types in their order, the
/// "ok" form of each, and NamespaceContentRemaining / NamespaceFinalizersRemaining counting what is left, per
/// resource ("configmaps. has 1 resource instances") and per finalizer ("x.io/hold in 1 resource instances").
/// </summary>
public static class NamespaceConditions
{
    private static readonly (string Type, string Reason, string Message)[] Ok =
    [
        ("NamespaceDeletionDiscoveryFailure", "ResourcesDiscovered", "All resources successfully discovered"),
        ("NamespaceDeletionGroupVersionParsingFailure", "ParsedGroupVersions", "All legacy kube types successfully parsed"),
        ("NamespaceDeletionContentFailure", "ContentDeleted", "All content successfully deleted, may be waiting on finalization"),
        ("NamespaceContentRemaining", "ContentRemoved", "All content successfully removed"),
        ("NamespaceFinalizersRemaining", "ContentHasNoFinalizers", "All content-preserving finalizers finished"),
    ];

    /// <summary>Counts what is left in <paramref name="ns"/> (every namespaced resource of every served group).</summary>
    public static (SortedDictionary<string, int> Resources, SortedDictionary<string, int> Finalizers) Remaining(SandboxContext context, string ns)
    {
        var resources = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var finalizers = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var type in context.Registry.All.Where(t => t.Namespaced && t.Verbs.Contains("list")).DistinctBy(t => (t.Group, t.Plural)))
        {
            var items = context.Store.List(type.StorageKey, ns).Items;
            if (items.Count > 0)
            {
                resources[$"{type.Plural}.{type.Group}"] = items.Count;
            }
            foreach (var finalizer in items.SelectMany(i => i.Object.Get("metadata", "finalizers").StringList()))
            {
                finalizers[finalizer] = finalizers.GetValueOrDefault(finalizer) + 1;
            }
        }
        return (resources, finalizers);
    }

    /// <summary>Writes the conditions onto the namespace when they changed (transition times move only on a status change).</summary>
    public static void Update(SandboxContext context, StoredObject ns, SortedDictionary<string, int> resources, SortedDictionary<string, int> finalizers)
    {
        var current = ns.Object.Get("status", "conditions") as JsonArray ?? [];
        var conditions = new JsonArray();
        foreach (var (type, reason, message) in Ok)
        {
            var (status, why, text) = type switch
            {
                "NamespaceContentRemaining" when resources.Count > 0 => ("True", "SomeResourcesRemain",
                    "Some resources are remaining: " + string.Join(", ", resources.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Key} has {r.Value} resource instances")))),
                "NamespaceFinalizersRemaining" when finalizers.Count > 0 => ("True", "SomeFinalizersRemain",
                    "Some content in the namespace has finalizers remaining: " + string.Join(", ", finalizers.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Key} in {f.Value} resource instances")))),
                _ => ("False", reason, message),
            };
            var previous = current.OfType<JsonObject>().FirstOrDefault(c => c.GetString("type") == type);
            var since = previous is not null && previous.GetString("status") == status ? previous.GetString("lastTransitionTime") : context.Now;
            conditions.Add(new JsonObject { ["type"] = type, ["status"] = status, ["lastTransitionTime"] = since, ["reason"] = why, ["message"] = text });
        }
        if (JsonNode.DeepEquals(current, conditions))
        {
            return;
        }
        ObjectEditor.Update(context.Store, BuiltInTypes.Namespaces.StorageKey, ns, obj =>
        {
            var status = obj["status"] as JsonObject ?? [];
            status["conditions"] = conditions;
            obj["status"] = status;
        });
    }
}
