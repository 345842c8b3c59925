using System.Text.Json;

namespace KamajiKubeconfig.Informers;

/// <summary>
/// Reads object metadata from custom resources, which the client hands out as <see cref="JsonElement"/>.
/// Missing fields read as empty rather than throwing: a transform can then decide what an incomplete object means.
/// </summary>
public static class JsonMetadata
{
    public static string ResourceVersion(JsonElement obj) => MetadataString(obj, "resourceVersion");

    /// <exception cref="ArgumentException">The object has no metadata.name.</exception>
    public static ObjectKey Key(JsonElement obj) => new(MetadataString(obj, "namespace"), MetadataString(obj, "name"));

    internal static string ListContinue(JsonElement list) => MetadataString(list, "continue");

    internal static IReadOnlyList<JsonElement> Items(JsonElement list) =>
        list.ValueKind == JsonValueKind.Object && list.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array
            ? [.. items.EnumerateArray()]
            : [];

    private static string MetadataString(JsonElement obj, string field) =>
        obj.ValueKind == JsonValueKind.Object
        && obj.TryGetProperty("metadata", out var metadata)
        && metadata.ValueKind == JsonValueKind.Object
        && metadata.TryGetProperty(field, out var value)
        && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : string.Empty;
}
