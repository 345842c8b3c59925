using System.Text.Json.Nodes;

namespace KamajiKubeconfig.Sandbox.Api;

/// <summary>
/// A printer column of a CRD (additionalPrinterColumns) or of a built-in table. <paramref name="WhenAbsent"/> is the
/// cell when the path finds nothing, for built-in printers that print a placeholder (a PDB's "N/A") instead of
/// &lt;none&gt;; CRD columns leave it null, as the real server does.
/// </summary>
public sealed record PrinterColumn(string Name, string Type, string JsonPath, string Description = "", int Priority = 0, string Format = "", JsonNode? WhenAbsent = null);

/// <summary>Everything the server needs to know to serve one resource of one group/version.</summary>
public sealed record ResourceType
{
    public required string Group { get; init; }
    public required string Version { get; init; }
    public required string Plural { get; init; }
    public required string Singular { get; init; }
    public required string Kind { get; init; }
    public required bool Namespaced { get; init; }
    public IReadOnlyList<string> ShortNames { get; init; } = [];
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>CRDs with subresources.status, and Namespaces (namespaces/status).</summary>
    public bool HasStatusSubresource { get; init; }

    /// <summary>CRs keep metadata.generation (A7).</summary>
    public bool TracksGeneration { get; init; }

    /// <summary>CRs and Leases refuse a PUT without resourceVersion with 422 (A7).</summary>
    public bool RequiresResourceVersionOnUpdate { get; init; }

    /// <summary>Events and Leases are created by a PUT of a missing object (A7).</summary>
    public bool CreateOnUpdate { get; init; }

    /// <summary>Custom resources refuse strategic merge patches with 415.</summary>
    public bool IsCustom { get; init; }

    /// <summary>Where objects are stored: the same objects can be served by several group/versions.</summary>
    public required string StorageKey { get; init; }

    /// <summary>Fields beyond metadata.name/namespace that field selectors accept (A5).</summary>
    public IReadOnlyList<string> ExtraFieldSelectors { get; init; } = [];

    /// <summary>CRs answer unsupported field selectors with "field label not supported"; core types list what they support.</summary>
    public bool UsesFieldLabelNotSupportedMessage { get; init; }

    public IReadOnlyList<PrinterColumn> PrinterColumns { get; init; } = [];

    /// <summary>openAPIV3Schema of this version, used for list topology in server-side apply and for Strict validation.</summary>
    public JsonObject? Schema { get; init; }

    /// <summary>Converts a stored object into this version's shape (the object is a private copy).</summary>
    public Func<JsonObject, JsonObject>? FromStorage { get; init; }

    /// <summary>Converts an object of this version into the stored shape.</summary>
    public Func<JsonObject, JsonObject>? ToStorage { get; init; }

    public IReadOnlyList<string> Verbs { get; init; } = StandardVerbs;

    public static readonly IReadOnlyList<string> StandardVerbs =
        ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    public string GroupVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public string QualifiedResource => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>Kind as validation messages print it: "Secret", "Widget.example.com".</summary>
    public string KindLabel => Group.Length == 0 ? Kind : $"{Kind}.{Group}";

    public bool SupportsStrategicMerge => !IsCustom;
}
