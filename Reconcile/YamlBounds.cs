using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace KamajiKubeconfig.Reconcile;

/// <summary>
/// Limits on a YAML document, checked before any recursive loader sees it. YamlDotNet's representation model
/// recurses once per nesting level, and a stack overflow cannot be caught in .NET: one Secret holding 100,000 nested
/// sequences would kill the process at every start. Its event parser does not recurse, so this walks the events
/// once, counting depth and nodes, and stops at the first limit crossed.
/// </summary>
public static class YamlBounds
{
    /// <summary>Real kubeconfigs are a few KiB; Secrets hold at most 1 MiB.</summary>
    public const int MaxCharacters = 256 * 1024;

    /// <summary>A kubeconfig nests about 5 levels (root, list, entry, body, extension); anything near this is not one.</summary>
    public const int MaxDepth = 32;

    /// <summary>Scalars, mappings and sequences together (a kubeconfig with a few clusters has about 50).</summary>
    public const int MaxNodes = 10_000;

    /// <summary>
    /// Null when <paramref name="text"/> is within every limit, else why not; <paramref name="malformed"/> is the
    /// parser's complaint about text that is not YAML. The walked events are kept for <see cref="Replay"/>: scanning
    /// is most of the cost of reading a kubeconfig, and the controller reads one per tenant at start.
    /// </summary>
    public static string? Read(string text, out IReadOnlyList<ParsingEvent> events, out Exception? malformed)
    {
        var walked = new List<ParsingEvent>();
        events = walked;
        malformed = null;
        if (text.Length > MaxCharacters)
        {
            return string.Create(CultureInfo.InvariantCulture, $"it is {text.Length} characters long, more than {MaxCharacters}");
        }
        var parser = new Parser(new StringReader(text));
        int depth = 0, nodes = 0;
        try
        {
            while (parser.MoveNext())
            {
                walked.Add(parser.Current!);
                switch (parser.Current)
                {
                    case MappingStart or SequenceStart:
                        nodes++;
                        if (++depth > MaxDepth)
                        {
                            return string.Create(CultureInfo.InvariantCulture, $"it nests deeper than {MaxDepth} levels");
                        }
                        break;
                    case MappingEnd or SequenceEnd:
                        depth--;
                        break;
                    case Scalar or AnchorAlias:
                        nodes++;
                        break;
                }
                if (nodes > MaxNodes)
                {
                    return string.Create(CultureInfo.InvariantCulture, $"it has more than {MaxNodes} nodes");
                }
            }
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            // Malformed: the caller reports it. YamlDotNet's scanner throws InvalidOperationException on some
            // malformed input (an unclosed flow sequence followed by a block entry).
            malformed = e;
        }
        return null;
    }

    /// <summary>A parser that hands out events already read, for <c>YamlStream.Load</c>.</summary>
    public sealed class Replay(IReadOnlyList<ParsingEvent> events) : IParser
    {
        private int _next;

        public ParsingEvent? Current { get; private set; }

        public bool MoveNext()
        {
            Current = _next < events.Count ? events[_next++] : null;
            return Current is not null;
        }
    }
}
