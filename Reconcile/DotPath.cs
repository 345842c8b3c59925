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

    /// <summary>
    /// Parsed paths by text. A pass resolves the same one or two paths for every TCP it plans; parsing is pure, so
    /// the result is shared. Bounded: past the limit, further paths are parsed each time and not kept.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (DotPath? Path, string? Problem)> Parsed =
        new(StringComparer.Ordinal);

    private const int MaxRemembered = 1024;

    /// <summary>Parses <paramref name="text"/>; on failure returns null and a reason.</summary>
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
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (c == '.')
            {
                if (!afterBracket)
                {
                    segments.Add(new Key(plain.ToString()));
                }
                plain.Clear();
                afterBracket = false;
                i++;
            }
            else if (c == '[')
            {
                if (!afterBracket)
                {
                    segments.Add(new Key(plain.ToString()));
                }
                plain.Clear();
                var segment = ParseBracket(text, ref i, out problem);
                if (segment is null)
                {
                    return null;
                }
                segments.Add(segment);
                afterBracket = true;
            }
            else if (afterBracket)
            {
                problem = $"expected '.' or '[' at offset {i}";
                return null;
            }
            else
            {
                plain.Append(c);
                i++;
            }
        }
        if (!afterBracket)
        {
            segments.Add(new Key(plain.ToString()));
        }
        return new DotPath(segments.ToEquatableList());
    }

    private static Segment? ParseBracket(string text, ref int i, out string? problem)
    {
        var open = i;
        i++;
        if (i < text.Length && text[i] is '\'' or '"')
        {
            var quote = text[i];
            var end = text.IndexOf(quote, i + 1);
            if (end < 0 || end + 1 >= text.Length || text[end + 1] != ']')
            {
                problem = $"unterminated quoted key at offset {open}";
                return null;
            }
            problem = null;
            var key = text[(i + 1)..end];
            i = end + 2;
            return new Key(key);
        }
        var close = text.IndexOf(']', i);
        if (close < 0)
        {
            problem = $"missing ']' after offset {open}";
            return null;
        }
        var digits = text[i..close];
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit)
            || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var position))
        {
            problem = $"list index \"{digits}\" is not a non-negative integer";
            return null;
        }
        problem = null;
        i = close + 1;
        return new Index(position);
    }

    /// <summary>apimachinery's <c>jsonPath(fields)</c> form used in accessor errors: <c>.a.b</c>, indexes as <c>[0]</c>.</summary>
    public static string Render(IEnumerable<Segment> segments)
    {
        var sb = new StringBuilder();
        foreach (var s in segments)
        {
            _ = s switch
            {
                Key k => sb.Append('.').Append(k.Name),
                Index x => sb.Append('[').Append(x.Position.ToString(CultureInfo.InvariantCulture)).Append(']'),
                _ => sb,
            };
        }
        return sb.ToString();
    }
}
