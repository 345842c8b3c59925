using System.Globalization;
using System.Text;

namespace KamajiKubeconfig.Reconcile;

/// <summary>
/// A parsed <c>fromDefinition</c> path. Kamaji's syntax is dot-separated keys (<c>metadata.name</c>); we also accept
/// bracketed keys for names that contain dots (<c>metadata.labels['tenant.clastix.io']</c>, or with double quotes)
/// and list indexes (<c>spec.list[0]</c>), docs/behaviour.md B9. Plain dotted paths split exactly as Kamaji splits them.
/// </summary>
public sealed record DotPath(EquatableList<DotPath.Segment> Segments)
{
    public abstract record Segment;

    public sealed record Key(string Name) : Segment;

    public sealed record Index(int Position) : Segment;

    /// <summary>Parsed paths by text: a pass resolves the same few paths for every TCP. Past the bound, paths are not kept.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (DotPath? Path, string? Problem)> Parsed =
        new(StringComparer.Ordinal);

    private const int MaxRemembered = 1024;

    public static DotPath? TryParse(string text, out string? problem)
    {
        if (!Parsed.TryGetValue(text, out var parsed))
        {
            parsed = (Parse(text, out var reason), reason);
            if (Parsed.Count < MaxRemembered)
            {
                Parsed.TryAdd(text, parsed);
            }
        }
        problem = parsed.Problem;
        return parsed.Path;
    }

    private static DotPath? Parse(string text, out string? problem)
    {
        var segments = new List<Segment>();
        var plain = new StringBuilder();
        var afterBracket = false;
        problem = null;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is not ('.' or '['))
            {
                if (afterBracket)
                {
                    problem = $"expected '.' or '[' at offset {i}";
                    return null;
                }
                plain.Append(text[i]);
                continue;
            }
            if (!afterBracket)
            {
                segments.Add(new Key(plain.ToString()));
            }
            plain.Clear();
            afterBracket = text[i] == '[';
            if (afterBracket)
            {
                var segment = ParseBracket(text, ref i, out problem);
                if (segment is null)
                {
                    return null;
                }
                segments.Add(segment);
            }
        }
        if (!afterBracket)
        {
            segments.Add(new Key(plain.ToString()));
        }
        return new DotPath(segments.ToEquatableList());
    }

    /// <summary>The bracket opening at <paramref name="i"/>; on success <paramref name="i"/> is left on its <c>]</c>.</summary>
    private static Segment? ParseBracket(string text, ref int i, out string? problem)
    {
        var open = i;
        problem = null;
        if (open + 1 < text.Length && text[open + 1] is '\'' or '"')
        {
            var end = text.IndexOf(text[open + 1], open + 2);
            if (end < 0 || end + 1 >= text.Length || text[end + 1] != ']')
            {
                problem = $"unterminated quoted key at offset {open}";
                return null;
            }
            i = end + 1;
            return new Key(text[(open + 2)..end]);
        }
        i = text.IndexOf(']', open + 1);
        if (i < 0)
        {
            problem = $"missing ']' after offset {open}";
            return null;
        }
        var digits = text[(open + 1)..i];
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit)
            || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var position))
        {
            problem = $"list index \"{digits}\" is not a non-negative integer";
            return null;
        }
        return new Index(position);
    }

    /// <summary>apimachinery's <c>jsonPath(fields)</c> form used in accessor errors: <c>.a.b</c>, indexes as <c>[0]</c>.</summary>
    public static string Render(IEnumerable<Segment> segments) => string.Concat(segments.Select(s => s switch
    {
        Key k => "." + k.Name,
        Index x => string.Create(CultureInfo.InvariantCulture, $"[{x.Position}]"),
        _ => "",
    }));
}
