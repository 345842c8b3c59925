using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Api;
using KamajiKubeconfig.Sandbox.Http.Handlers;
using KamajiKubeconfig.Sandbox.Json;
using KamajiKubeconfig.Sandbox.Storage;

namespace KamajiKubeconfig.Sandbox.Controllers;

/// <summary>
/// Serves the resources of every stored CRD. A deleted CRD keeps its cleanup finalizer until all its custom resources
/// are gone (their own finalizers honoured, as the apiextensions cleanup controller does); then it stops being served.
/// </summary>
public sealed class CrdController(SandboxContext context)
{
    public const string CleanupFinalizer = "customresourcecleanup.apiextensions.k8s.io";

    private BackgroundLoop? _cleanup;
    private DeleteHandler? _deleter;

    public void Start()
    {
        _deleter = new DeleteHandler(context, new ReadHandler(context));
        _cleanup = new BackgroundLoop(Cleanup, context.Options.GarbageCollectionDelay, context.Stopping);
        context.Store.Changed += OnChanged;
    }

    private static string StorageKeyOf(JsonObject crd) => $"{crd.GetString("spec", "group")}/{crd.GetString("spec", "names", "plural")}";

    private void OnChanged(StoreEvent e)
    {
        if (e.StorageKey == BuiltInTypes.CustomResourceDefinitions.StorageKey)
        {
            if (e.Type == StoreEventType.Deleted)
            {
                context.Registry.SetCrdTypes(e.Object.Name, []);
                return;
            }
            context.Registry.SetCrdTypes(e.Object.Name, CrdTypes.FromDefinition(e.Object.Object));
            if (e.Object.IsDeleting)
            {
                _cleanup!.Poke();
            }
        }
        else if (e.Type == StoreEventType.Deleted)
        {
            // A custom resource went away: a terminating CRD may now be empty.
            _cleanup!.Poke();
        }
    }

    private void Cleanup()
    {
        foreach (var crd in context.Store.List(BuiltInTypes.CustomResourceDefinitions.StorageKey, null).Items.Where(c => c.IsDeleting))
        {
            var storageKey = StorageKeyOf(crd.Object);
            var items = context.Store.List(storageKey, null).Items;
            var type = context.Registry.ByStorageKey(storageKey);
            foreach (var item in items.Where(i => !i.IsDeleting && type is not null))
            {
                try
                {
                    _deleter!.DeleteOne(type!, item.Namespace, item.Name, new DeleteHandler.Options("Background", null, null, null, false));
                }
                catch (ApiException e) when (e.Code is 404 or 409)
                {
                    // Gone or changed meanwhile.
                }
            }
            if (context.Store.Count(storageKey) == 0)
            {
                ObjectEditor.RemoveFinalizer(context.Store, BuiltInTypes.CustomResourceDefinitions.StorageKey,
                    context.Store.Get(BuiltInTypes.CustomResourceDefinitions.StorageKey, "", crd.Name)!, CleanupFinalizer);
            }
        }
    }
}
