using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Json;

namespace KamajiKubeconfig.Sandbox.Storage;

/// <summary>One stored object version. Never mutated: <see cref="Object"/> is frozen; copy it with <see cref="Clone"/>.</summary>
public sealed class StoredObject
{
    private StoredObject(string ns, string name, long resourceVersion, JsonObject obj, byte[] json)
    {
        Namespace = ns;
        Name = name;
        ResourceVersion = resourceVersion;
        Object = obj;
        Json = json;
        Labels = obj.Get("metadata", "labels").StringMap();
        ApiVersion = obj.GetString("apiVersion") ?? "";
        Uid = obj.GetString("metadata", "uid");
        HasOwnerReferences = obj.Get("metadata", "ownerReferences") is JsonArray { Count: > 0 };
        IsDeleting = obj.GetString("metadata", "deletionTimestamp") is not null;
    }

    /// <summary>True when metadata.ownerReferences is not empty (the garbage collector's dependents).</summary>
    public bool HasOwnerReferences { get; }

    /// <summary>True when metadata.deletionTimestamp is set.</summary>
    public bool IsDeleting { get; }

    /// <summary>The apiVersion the object was stored with (decides whether its bytes can be served as they are).</summary>
    public string ApiVersion { get; }

    public string Namespace { get; }

    public string Name { get; }

    public string Key => KeyOf(Namespace, Name);

    public long ResourceVersion { get; }

    /// <summary>The stored object; treat as read-only.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "Kubernetes calls it the object.")]
    public JsonObject Object { get; }

    /// <summary>The compact UTF-8 JSON of <see cref="Object"/>, written as is into lists and watch streams.</summary>
    public byte[] Json { get; }

    public IReadOnlyDictionary<string, string> Labels { get; }

    public string? Uid { get; }

    public JsonObject Clone() => (JsonObject)Object.DeepClone();

    /// <summary>Sort key: namespace then name, as the API server orders list items.</summary>
    public static string KeyOf(string ns, string name) => ns + "\0" + name;

    /// <summary>Stores the canonical form: re-parsed from its JSON, so numbers read back as any integer type.</summary>
    internal static StoredObject Create(string ns, string name, long resourceVersion, JsonObject obj)
    {
        var json = Serialize(obj);
        var stored = new StoredObject(ns, name, resourceVersion, JsonNode.Parse(json, documentOptions: JsonLimits.Document)!.AsObject(), json);
        return stored;
    }

    public static byte[] Serialize(JsonNode node)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            node.WriteTo(writer);
        }
        return buffer.WrittenSpan.ToArray();
    }
}
