using KamajiKubeconfig.Sandbox.Api;
using KamajiKubeconfig.Sandbox.Json;
using KamajiKubeconfig.Sandbox.Storage;

namespace KamajiKubeconfig.Sandbox.Controllers;

/// <summary>Serves the resources of every stored CRD, and stops serving them (and drops their objects) when it goes.</summary>
public sealed class CrdController(SandboxContext context)
{
    public void Start() => context.Store.Changed += OnChanged;

    private void OnChanged(StoreEvent e)
    {
        if (e.StorageKey != BuiltInTypes.CustomResourceDefinitions.StorageKey)
        {
            return;
        }
        var name = e.Object.Name;
        if (e.Type == StoreEventType.Deleted)
        {
            var storageKey = $"{e.Object.Object.GetString("spec", "group")}/{e.Object.Object.GetString("spec", "names", "plural")}";
            context.Registry.SetCrdTypes(name, []);
            foreach (var item in context.Store.List(storageKey, null).Items)
            {
                try
                {
                    context.Store.Delete(storageKey, item.Namespace, item.Name, item.ResourceVersion);
                }
                catch (Exception ex) when (ex is StoreConflictException or StoreMissingException)
                {
                    // Changed or gone meanwhile; the CRD is gone either way.
                }
            }
            return;
        }
        if (e.Object.Object.GetString("metadata", "deletionTimestamp") is null)
        {
            context.Registry.SetCrdTypes(name, CrdTypes.FromDefinition(e.Object.Object));
        }
    }
}
