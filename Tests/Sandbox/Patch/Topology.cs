using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Json;

namespace KamajiKubeconfig.Sandbox.Patch;

/// <summary>How a list or object merges in server-side apply (A10): granular, atomic, associative (map) or set.</summary>
public sealed record Topology(string Kind, IReadOnlyList<string> Keys, JsonObject? Schema)
{
    public static Topology Granular(JsonObject? schema) => new("granular", [], schema);

    public static Topology Atomic { get; } = new("atomic", [], null);

    public bool IsAtomic => Kind == "atomic";

    public bool IsMapList => Kind == "map";

    public bool IsSetList => Kind == "set";

    /// <summary>The topology of a child: a property of an object or the items of a list.</summary>
    public Topology ForChild(string name, bool parentIsRoot, bool inMetadata)
    {
        if (parentIsRoot && name == "metadata")
        {
            return new("metadata", [], null);
        }
        if (Kind == "metadata")
        {
            return name switch
            {
                "ownerReferences" => new("map", ["uid"], null),
                "finalizers" => new("set", [], null),
                _ => Granular(null),
            };
        }
        _ = inMetadata;
        if (Schema is null)
        {
            return Granular(null);
        }
        var child = Schema.Get("properties", name) as JsonObject ?? Schema["additionalProperties"] as JsonObject;
        return FromSchema(child);
    }

    /// <summary>For the items of a list: granular objects whose fields follow the item schema.</summary>
    public Topology ForItems() => FromSchema(Schema?["items"] as JsonObject);

    public static Topology FromSchema(JsonObject? schema)
    {
        if (schema is null)
        {
            return Granular(null);
        }
        var type = schema.GetString("type");
        if (type == "array")
        {
            return schema.GetString("x-kubernetes-list-type") switch
            {
                "map" => new("map", schema["x-kubernetes-list-map-keys"].StringList(), schema),
                "set" => new("set", [], schema),
                _ => new("list-atomic", [], schema),
            };
        }
        if (schema.GetString("x-kubernetes-map-type") == "atomic")
        {
            return Atomic;
        }
        return Granular(schema);
    }
}
