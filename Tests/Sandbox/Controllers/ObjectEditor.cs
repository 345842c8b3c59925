using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Json;
using KamajiKubeconfig.Sandbox.Storage;

namespace KamajiKubeconfig.Sandbox.Controllers;

/// <summary>Small controller-side writes straight to the store (as a controller's update would do).</summary>
public static class ObjectEditor
{
    /// <summary>Rewrites an object; deletes it when it is being deleted and has no finalizers left.</summary>
    public static void Update(ObjectStore store, string storageKey, StoredObject current, Action<JsonObject> edit)
    {
        var obj = current.Clone();
        edit(obj);
        if (obj.GetString("metadata", "deletionTimestamp") is not null && obj.Get("metadata", "finalizers").StringList().Count == 0
            && storageKey != "/namespaces")
        {
            store.Delete(storageKey, current.Namespace, current.Name, current.ResourceVersion, obj);
            return;
        }
        store.Update(storageKey, current.Namespace, current.Name, obj, current.ResourceVersion);
    }

    public static void RemoveFinalizer(ObjectStore store, string storageKey, StoredObject current, string finalizer) =>
        Update(store, storageKey, current, obj =>
        {
            var remaining = obj.Get("metadata", "finalizers").StringList().Where(f => f != finalizer).ToList();
            if (remaining.Count == 0)
            {
                obj.Metadata().Remove("finalizers");
            }
            else
            {
                obj.Metadata()["finalizers"] = new JsonArray([.. remaining.Select(f => (JsonNode?)f)]);
            }
        });
}
