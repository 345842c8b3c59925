using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Api;
using KamajiKubeconfig.Sandbox.Storage;

namespace KamajiKubeconfig.Sandbox.Http;

/// <summary>How stored objects look to a client of a given group/version (conversion, apiVersion/kind).</summary>
public static class ClientView
{
    /// <summary>True when the stored bytes can be sent as they are (no conversion needed).</summary>
    public static bool IsRaw(ResourceType type, StoredObject stored) =>
        type.FromStorage is null && stored.ApiVersion == type.GroupVersion;

    public static JsonObject Of(ResourceType type, StoredObject stored) => Of(type, stored.Clone());

    public static JsonObject Of(ResourceType type, JsonObject storedCopy)
    {
        var obj = type.FromStorage is null ? storedCopy : type.FromStorage(storedCopy);
        return WithTypeMeta(type, obj);
    }

    public static byte[] Bytes(ResourceType type, StoredObject stored) =>
        IsRaw(type, stored) ? stored.Json : StoredObject.Serialize(Of(type, stored));

    /// <summary>Puts apiVersion and kind first, as the API server's encoder does.</summary>
    public static JsonObject WithTypeMeta(ResourceType type, JsonObject obj)
    {
        var result = new JsonObject { ["apiVersion"] = type.GroupVersion, ["kind"] = type.Kind };
        foreach (var (key, value) in obj.ToList())
        {
            if (key is "apiVersion" or "kind")
            {
                continue;
            }
            obj.Remove(key);
            result[key] = value;
        }
        return result;
    }

    /// <summary>The stored shape of an object sent by a client of this group/version.</summary>
    public static JsonObject ToStorage(ResourceType type, JsonObject obj)
    {
        if (type.ToStorage is null)
        {
            return WithTypeMeta(type, obj);
        }
        var stored = type.ToStorage(obj);
        stored["apiVersion"] = "v1";
        return stored;
    }
}
