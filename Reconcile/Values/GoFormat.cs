using System.Globalization;
using System.Text;
using System.Text.Json;

namespace KamajiKubeconfig.Reconcile.Values;

/// <summary>
/// Go's <c>%q</c> and <c>%v</c>/<c>%T</c> renderings, so error texts read exactly as Kamaji's (users grep them).
/// </summary>
public static class GoFormat
{
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
                < ' ' => sb.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"),
                _ => sb.Append(c),
            };
        }
        return sb.Append('"').ToString();
    }

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

    /// <summary>Go's <c>%v</c> of an unstructured value (maps print with sorted keys, as fmt does).</summary>
    public static string Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "map[" + string.Join(" ", value.EnumerateObject()
            .OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => p.Name + ":" + Value(p.Value))) + "]",
        JsonValueKind.Array => "[" + string.Join(" ", value.EnumerateArray().Select(Value)) + "]",
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => InvariantNumber(value),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => "<nil>",
    };

    /// <summary>A JSON number in invariant form: integers as digits, others as the shortest round-trip text.</summary>
    public static string InvariantNumber(JsonElement number) =>
        number.TryGetInt64(out var l) ? l.ToString(CultureInfo.InvariantCulture)
        : number.GetDouble().ToString("R", CultureInfo.InvariantCulture);
}
