using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KamajiKubeconfig.Chaos.Checks;

/// <summary>
/// The harness's own reading of a <c>fromDefinition</c> path (docs/behaviour.md B9): dotted fields, quoted keys in
/// brackets (<c>metadata.labels['a.b/c']</c>), list indexes; strings as they are, numbers and booleans in invariant
/// form; maps, lists, null, empty strings and missing fields resolve to nothing.
/// </summary>
public static class DefinitionPath
{
    public const int MaxLength = 4096;

    public static string? Resolve(JsonNode? root, string path)
    {
        if (path.Length == 0 || path.Length > MaxLength || Segments(path) is not { } segments)
        {
            return null;
        }
        var node = root;
        foreach (var segment in segments)
        {
            node = segment switch
            {
                string key when node is JsonObject o => o.TryGetPropertyValue(key, out var child) ? child : null,
                int index when node is JsonArray a && index < a.Count => a[index],
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }
        return node is JsonValue value ? Scalar(value) : null;
    }

    private static string? Scalar(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>() is { Length: > 0 } s ? s : null,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value.TryGetValue<long>(out var n) ? n.ToString(CultureInfo.InvariantCulture)
            : value.GetValue<double>().ToString("R", CultureInfo.InvariantCulture),
        _ => null,
    };

    private static List<object>? Segments(string path)
    {
        var result = new List<object>();
        var i = 0;
        while (i < path.Length)
        {
            if (path[i] == '[')
            {
                var close = path.IndexOf(']', i);
                if (close < 0)
                {
                    return null;
                }
                var inner = path[(i + 1)..close];
                if (inner.Length >= 2 && (inner[0] == '\'' || inner[0] == '"') && inner[^1] == inner[0])
                {
                    result.Add(inner[1..^1]);
                }
                else if (int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    result.Add(index);
                }
                else
                {
                    return null;
                }
                i = close + 1;
                if (i < path.Length && path[i] == '.')
                {
                    i++;
                    if (i == path.Length)
                    {
                        return null;
                    }
                }
                continue;
            }
            var field = new StringBuilder();
            while (i < path.Length && path[i] is not ('.' or '['))
            {
                field.Append(path[i++]);
            }
            if (field.Length == 0)
            {
                return null;
            }
            result.Add(field.ToString());
            if (i < path.Length && path[i] == '.')
            {
                i++;
                if (i == path.Length)
                {
                    return null;
                }
            }
        }
        return result;
    }
}
