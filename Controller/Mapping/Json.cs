using System.Globalization;
using System.Text.Json;

namespace KamajiKubeconfig.Controller.Mapping;

/// <summary>Small, null-tolerant readers over API JSON: absent, null and wrongly typed all read as "absent".</summary>
internal static class Json
{
    public static JsonElement? Child(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var child) && child.ValueKind != JsonValueKind.Null
            ? child
            : null;

    public static JsonElement? Path(this JsonElement element, params string[] names) =>
        names.Aggregate((JsonElement?)element, (current, name) => current?.Child(name));

    public static string? String(this JsonElement? element) =>
        element is { ValueKind: JsonValueKind.String } e ? e.GetString() : null;

    public static long Int64(this JsonElement? element) =>
        element is { ValueKind: JsonValueKind.Number } e && e.TryGetInt64(out var value) ? value : 0;

    /// <summary>A string map (labels, annotations) with its short strings shared through <see cref="StringPool"/>.</summary>
    public static SortedMap StringMap(this JsonElement? element) =>
        element is { ValueKind: JsonValueKind.Object } e
            ? StringPool.Shared.Map(e.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText())))
            : SortedMap.Empty;

    public static IEnumerable<JsonElement> Items(this JsonElement? element) =>
        element is { ValueKind: JsonValueKind.Array } e ? e.EnumerateArray() : [];

    public static DateTimeOffset Time(this JsonElement? element) =>
        DateTimeOffset.TryParse(element.String(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : default;
}
