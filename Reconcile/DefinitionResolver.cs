using System.Text.Json;

namespace KamajiKubeconfig.Reconcile;

/// <summary>
/// Resolves a <c>fromDefinition</c> path against a TenantControlPlane document with apimachinery's
/// <c>NestedString</c> semantics, extended per docs/behaviour.md B9: bracketed keys, list indexes, and numbers and booleans
/// written in invariant form. Maps, lists, null and empty strings are errors.
/// </summary>
public static class DefinitionResolver
{
    /// <summary>The resolved text, or null and the status error message.</summary>
    public static string? Resolve(JsonElement document, string path, out string? error)
    {
        if (DotPath.TryParse(path, out var problem) is not { } parsed)
        {
            return Fail($"provided dot notation {GoFormat.Quote(path)} is not valid: {problem}", out error);
        }
        var current = document;
        var segments = parsed.Segments;
        for (var i = 0; i < segments.Count; i++)
        {
            if (current.ValueKind == JsonValueKind.Null)
            {
                return NotFound(path, out error);
            }
            switch (segments[i])
            {
                case DotPath.Key key when current.ValueKind == JsonValueKind.Object:
                    if (!current.TryGetProperty(key.Name, out current))
                    {
                        return NotFound(path, out error);
                    }
                    break;
                case DotPath.Index index when current.ValueKind == JsonValueKind.Array:
                    if (index.Position >= current.GetArrayLength())
                    {
                        return NotFound(path, out error);
                    }
                    current = current[index.Position];
                    break;
                case var segment:
                    var expected = segment is DotPath.Key ? "map[string]interface{}" : "[]interface{}";
                    return AccessorError(path, segments.Take(i + 1), current, expected, out error);
            }
        }
        error = null;
        return current.ValueKind switch
        {
            JsonValueKind.String when current.GetString() is { Length: > 0 } text => text,
            JsonValueKind.String => Fail($"provided dot notation {GoFormat.Quote(path)} resolves to an empty string", out error),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => GoFormat.Value(current),
            _ => AccessorError(path, segments, current, "string", out error),
        };
    }

    private static string? NotFound(string path, out string? error) => Fail($"provided dot notation {GoFormat.Quote(path)} is not found", out error);

    private static string? Fail(string message, out string? error)
    {
        error = message;
        return null;
    }

    private static string? AccessorError(
        string path, IEnumerable<DotPath.Segment> upTo, JsonElement value, string expected, out string? error)
    {
        var accessor = $"{DotPath.Render(upTo)} accessor error: {GoFormat.Value(value)} is of the type {GoFormat.TypeOf(value)}, expected {expected}";
        return Fail($"cannot run NestedString {GoFormat.Quote(path)} due to an error: {accessor}", out error);
    }
}
