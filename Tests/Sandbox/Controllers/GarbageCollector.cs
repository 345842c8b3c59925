using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Api;
using KamajiKubeconfig.Sandbox.Http.Handlers;
using KamajiKubeconfig.Sandbox.Json;
using KamajiKubeconfig.Sandbox.Storage;

namespace KamajiKubeconfig.Sandbox.Controllers;

/// <summary>
/// The garbage collector (A11): deletes dependents whose owners are all gone (background), deletes dependents of owners
/// in foreground deletion and then releases the owner, and orphans dependents for the orphan finalizer.
/// </summary>
public sealed class GarbageCollector(SandboxContext context)
{
    private BackgroundLoop? _loop;
    private DeleteHandler? _deleter;

    public void Start()
    {
        _deleter = new DeleteHandler(context, new ReadHandler(context));
        _loop = new BackgroundLoop(Sweep, context.Options.GarbageCollectionDelay, context.Stopping);
        context.Store.Changed += e =>
        {
            var meta = e.Object.Object["metadata"] as JsonObject;
            if (e.Type == StoreEventType.Deleted || meta?["ownerReferences"] is not null || meta?["deletionTimestamp"] is not null)
            {
                _loop.Poke();
            }
        };
    }

    private sealed record Node(string StorageKey, StoredObject Object, ResourceType? Type);

    private void Sweep()
    {
        // Only dependents and objects being deleted need work; every object is just a uid for owner lookups.
        var all = context.Store.StorageKeys
            .SelectMany(k => context.Store.List(k, null).Items.Select(o => new Node(k, o, context.Registry.ByStorageKey(k))))
            .ToList();
        var byUid = new Dictionary<string, Node>(StringComparer.Ordinal);
        foreach (var node in all.Where(n => n.Object.Uid is not null))
        {
            byUid.TryAdd(node.Object.Uid!, node);
        }
        var interesting = all.Where(n => n.Object.HasOwnerReferences || n.Object.IsDeleting).ToList();
        var dependentsOf = interesting
            .Where(n => n.Object.HasOwnerReferences)
            .SelectMany(n => OwnerRefs(n).Select(r => (Owner: r.GetString("uid") ?? "", Dependent: n, Ref: r)))
            .ToLookup(x => x.Owner);
        foreach (var node in interesting)
        {
            HandleDependent(node, byUid);
            if (node.Object.IsDeleting)
            {
                HandleDeletingOwner(node, dependentsOf[node.Object.Uid ?? ""].ToList());
            }
        }
    }

    private static IEnumerable<JsonObject> OwnerRefs(Node node) =>
        node.Object.Object.Get("metadata", "ownerReferences") is JsonArray refs ? refs.OfType<JsonObject>() : [];

    private void HandleDependent(Node node, Dictionary<string, Node> byUid)
    {
        var refs = OwnerRefs(node).ToList();
        if (refs.Count == 0 || node.Type is null || node.Object.Object.GetString("metadata", "deletionTimestamp") is not null)
        {
            return;
        }
        var absent = refs.Where(r => !OwnerPresent(node, r, byUid)).ToList();
        if (absent.Count == 0)
        {
            var foregroundOwner = refs.Any(r => byUid.TryGetValue(r.GetString("uid") ?? "", out var o)
                && o.Object.Object.Get("metadata", "finalizers").StringList().Contains("foregroundDeletion")
                && o.Object.Object.GetString("metadata", "deletionTimestamp") is not null);
            if (foregroundOwner)
            {
                Delete(node, "Foreground");
            }
            return;
        }
        if (absent.Count == refs.Count)
        {
            var finalizers = node.Object.Object.Get("metadata", "finalizers").StringList();
            Delete(node, finalizers.Contains("orphan") ? "Orphan" : finalizers.Contains("foregroundDeletion") ? "Foreground" : "Background");
            return;
        }
        var absentUids = absent.Select(r => r.GetString("uid")).ToHashSet();
        ObjectEditor.Update(context.Store, node.StorageKey, node.Object, obj =>
            obj.Metadata()["ownerReferences"] = new JsonArray([.. refs.Where(r => !absentUids.Contains(r.GetString("uid"))).Select(r => r.DeepClone())]));
    }

    /// <summary>An owner is present when an object with its uid exists in the dependent's namespace or at cluster scope.</summary>
    private static bool OwnerPresent(Node dependent, JsonObject ownerRef, Dictionary<string, Node> byUid)
    {
        if (!byUid.TryGetValue(ownerRef.GetString("uid") ?? "", out var owner))
        {
            return false;
        }
        return owner.Object.Namespace.Length == 0 || owner.Object.Namespace == dependent.Object.Namespace;
    }

    private void HandleDeletingOwner(Node owner, List<(string Owner, Node Dependent, JsonObject Ref)> dependents)
    {
        var finalizers = owner.Object.Object.Get("metadata", "finalizers").StringList();
        if (finalizers.Contains("orphan"))
        {
            foreach (var (_, dependent, _) in dependents)
            {
                ObjectEditor.Update(context.Store, dependent.StorageKey, context.Store.Get(dependent.StorageKey, dependent.Object.Namespace, dependent.Object.Name)!, obj =>
                    obj.Metadata()["ownerReferences"] = new JsonArray([.. OwnerRefs(dependent).Where(r => r.GetString("uid") != owner.Object.Uid).Select(r => r.DeepClone())]));
            }
            ObjectEditor.RemoveFinalizer(context.Store, owner.StorageKey, owner.Object, "orphan");
            return;
        }
        if (finalizers.Contains("foregroundDeletion"))
        {
            var blocking = dependents.Where(d => d.Ref["blockOwnerDeletion"] is JsonValue b && b.GetValue<bool>()).ToList();
            if (blocking.Count == 0)
            {
                ObjectEditor.RemoveFinalizer(context.Store, owner.StorageKey, owner.Object, "foregroundDeletion");
            }
        }
    }

    private void Delete(Node node, string policy)
    {
        try
        {
            _deleter!.DeleteOne(node.Type!, node.Object.Namespace, node.Object.Name, new DeleteHandler.Options(policy, null, node.Object.Uid, null, false));
        }
        catch (ApiException e) when (e.Code is 404 or 409)
        {
            // Gone or replaced meanwhile.
        }
    }
}
