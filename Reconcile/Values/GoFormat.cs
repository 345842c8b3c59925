using System.Globalization;
using System.Text;
using System.Text.Json;

namespace KamajiKubeconfig.Reconcile.Values;

/// <summary>Go's <c>%q</c> and <c>%v</c>/<c>%T</c> renderings, so error texts read exactly as Kamaji's (users grep them).</summary>
public static class GoFormat
{
    public const int MaxQuotedLength = 128;

    /// <summary>
    /// Go's <c>%q</c>: control characters and invisible format characters (bidi overrides, zero-width marks) are
    /// escaped, so text copied from an object into status, Events or logs cannot hide or reorder what a reader sees.
    /// </summary>
    public static string Quote(string text)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in text)
        {
            _ = c switch
            {
                '"' => sb.Append("\\\""),
                '\\' => sb.Append("\\\\"),
                '\n' => sb.Append("\\n"),
                '\t' => sb.Append("\\t"),
                '\r' => sb.Append("\\r"),
                < ' ' or '\x7f' => sb.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"),
                _ when IsInvisible(c) => sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => sb.Append(c),
            };
        }
        return sb.Append('"').ToString();
    }

    /// <summary>Characters a terminal or browser does not show as themselves: C1 controls, format and separator marks, unpaired surrogates.</summary>
    public static bool IsInvisible(char c) => char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.OtherNotAssigned;

    /// <summary>The text, or its first <see cref="MaxQuotedLength"/> characters and how many more there were.</summary>
    public static string Abbreviate(string text) =>
        text.Length <= MaxQuotedLength ? text
        : string.Create(CultureInfo.InvariantCulture, $"{text[..MaxQuotedLength]}... ({text.Length - MaxQuotedLength} more characters)");

    /// <summary>The Go type an unstructured value decodes to.</summary>
    public static string TypeOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "map[string]interface {}",
        JsonValueKind.Array => "[]interface {}",
        JsonValueKind.String => "string",
        JsonValueKind.Number => value.TryGetInt64(out _) ? "int64" : "float64",
        JsonValueKind.True or JsonValueKind.False => "bool",
        _ => "<nil>",
    };

    /// <summary>
    /// Go's <c>%v</c> of a scalar. A map or a list is described, never printed: its contents (uids, labels,
    /// annotations of the TCP) do not belong in a status message or an Event, and their size is unbounded.
    /// </summary>
    public static string Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => Count("a map with", value.EnumerateObject().Count(), "key"),
        JsonValueKind.Array => Count("a list of", value.GetArrayLength(), "item"),
        JsonValueKind.String => Plain(value.GetString()!),
        JsonValueKind.Number => value.TryGetInt64(out var l) ? l.ToString(CultureInfo.InvariantCulture)
            : value.GetDouble().ToString("R", CultureInfo.InvariantCulture),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => "<nil>",
    };

    private static string Count(string prefix, int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix} {count} {noun}{(count == 1 ? "" : "s")}");

    /// <summary>Go's <c>%v</c> of a string when it is short and shows as itself; quoted and cut otherwise.</summary>
    public static string Plain(string text) =>
        text.Length <= MaxQuotedLength && !text.Any(c => c < ' ' || c == '\x7f' || IsInvisible(c)) ? text : Quote(Abbreviate(text));
}
