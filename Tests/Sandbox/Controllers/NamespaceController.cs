using KamajiKubeconfig.Sandbox.Api;
using KamajiKubeconfig.Sandbox.Http.Handlers;
using KamajiKubeconfig.Sandbox.Json;
using KamajiKubeconfig.Sandbox.Storage;

namespace KamajiKubeconfig.Sandbox.Controllers;

/// <summary>
/// The namespace lifecycle (A11): deletes the content of a Terminating namespace, reports what is left in its status
/// conditions, then deletes the namespace itself.
/// </summary>
public sealed class NamespaceController(SandboxContext context)
{
    private BackgroundLoop? _loop;
    private DeleteHandler? _deleter;

    public void Start()
    {
        _deleter = new DeleteHandler(context, new ReadHandler(context));
        _loop = new BackgroundLoop(Sweep, context.Options.GarbageCollectionDelay, context.Stopping);
        context.Store.Changed += e =>
        {
            if (e.StorageKey == BuiltInTypes.Namespaces.StorageKey ? e.Object.Object.GetString("metadata", "deletionTimestamp") is not null : e.Type == StoreEventType.Deleted)
            {
                _loop.Poke();
            }
        };
    }

    private void Sweep()
    {
        var terminating = context.Store.List(BuiltInTypes.Namespaces.StorageKey, null).Items
            .Where(n => n.Object.GetString("metadata", "deletionTimestamp") is not null)
            .ToList();
        foreach (var ns in terminating)
        {
            var remaining = 0;
            foreach (var type in context.Registry.All.Where(t => t.Namespaced).GroupBy(t => t.StorageKey).Select(g => g.First()))
            {
                foreach (var item in context.Store.List(type.StorageKey, ns.Name).Items)
                {
                    remaining++;
                    if (item.Object.GetString("metadata", "deletionTimestamp") is null)
                    {
                        try
                        {
                            _deleter!.DeleteOne(type, ns.Name, item.Name, new DeleteHandler.Options("Background", null, null, null, false));
                        }
                        catch (ApiException e) when (e.Code is 404 or 409)
                        {
                            // Gone meanwhile.
                        }
                    }
                }
            }
            var (resources, finalizers) = NamespaceConditions.Remaining(context, ns.Name);
            if (remaining > 0 && context.Store.Get(BuiltInTypes.Namespaces.StorageKey, "", ns.Name) is { } live)
            {
                try
                {
                    NamespaceConditions.Update(context, live, resources, finalizers);
                }
                catch (StoreConflictException)
                {
                    // Changed meanwhile: the next sweep writes the conditions.
                }
            }
            if (remaining == 0)
            {
                var current = context.Store.Get(BuiltInTypes.Namespaces.StorageKey, "", ns.Name);
                if (current is not null && current.Object.Get("metadata", "finalizers").StringList().Count == 0)
                {
                    context.Store.Delete(BuiltInTypes.Namespaces.StorageKey, "", ns.Name, current.ResourceVersion);
                }
            }
        }
    }
}
