using System.Text.RegularExpressions;

namespace KamajiKubeconfig.Tests.Docs;

/// <summary>
/// Finds citations of <c>docs/*.md</c> in text, and the section ids a markdown document defines, so a test can check
/// that every cited document exists and every cited id is one of its headings.
/// </summary>
/// <remarks>
/// A citation is the path of a markdown file under <c>docs/</c> (not part of a longer path or URL) followed, on the
/// same line, by the ids it names, in the forms the code uses: <c>A1</c>, <c>A5 and B9</c>, <c>A4, B1, B8 and scenarios C5–C8</c> (a range),
/// <c>scenarios C3 (reason), C4 (reason)</c>, <c>B13-3</c> (item 3 of B13), <c>part B</c>, <c>parts A and B</c>, and a
/// part letter right after the name (<c>docs/behaviour.md B: …</c>). The ids end where the sentence does: at a
/// full stop followed by a space, a closing parenthesis the citation did not open, a quote or a tag.
/// </remarks>
public static partial class DocCitations
{
    [GeneratedRegex(@"(?<![\w./-])(?<doc>docs/[A-Za-z0-9_-]+\.md)")]
    private static partial Regex DocumentName();

    [GeneratedRegex(@"(?<![\w-])(?<letter>[A-D])(?<number>\d{1,2})(?:-(?<item>\d{1,2})|[–-](?:[A-D])?(?<to>\d{1,2}))?(?![\w])")]
    private static partial Regex SectionId();

    [GeneratedRegex(@"\bparts?\s+(?<part>[A-D])(?:\s*(?:,|and)\s*(?<part>[A-D]))*(?![\w])")]
    private static partial Regex PartWords();

    [GeneratedRegex(@"^\s*(?<part>[A-D])(?=[\s:,;]|$)")]
    private static partial Regex LeadingPart();

    [GeneratedRegex(@"^#{1,6}\s+(?<id>[A-D](?:\d{1,2})?)(?=[.:\s]|$)")]
    private static partial Regex HeadingId();

    [GeneratedRegex(@"^#{1,6}\s")]
    private static partial Regex AnyHeading();

    [GeneratedRegex(@"^(?<n>\d{1,2})\.\s")]
    private static partial Regex NumberedItem();

    /// <summary>Every citation in <paramref name="text"/>, in order.</summary>
    public static IReadOnlyList<DocCitation> Find(string text)
    {
        var found = new List<DocCitation>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (Match match in DocumentName().Matches(lines[i]))
            {
                var tail = Tail(lines[i][(match.Index + match.Length)..]);
                found.Add(new DocCitation(match.Groups["doc"].Value, SectionsIn(tail), i + 1));
            }
        }
        return found;
    }

    /// <summary>
    /// The ids a document's headings define (<c>## A. …</c> gives <c>A</c>, <c>### B13. …</c> gives <c>B13</c>),
    /// plus <c>B13-3</c> for each numbered item "3." directly under such a heading.
    /// </summary>
    public static IReadOnlySet<string> HeadingIds(string markdown)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        string? current = null;
        foreach (var line in markdown.Split('\n'))
        {
            if (AnyHeading().IsMatch(line))
            {
                var heading = HeadingId().Match(line);
                current = heading.Success ? heading.Groups["id"].Value : null;
                if (current is not null)
                {
                    ids.Add(current);
                }
                continue;
            }
            var item = NumberedItem().Match(line);
            if (current is not null && item.Success)
            {
                ids.Add($"{current}-{item.Groups["n"].Value}");
            }
        }
        return ids;
    }

    /// <summary>The text after a document name that can still name its sections.</summary>
    private static string Tail(string rest)
    {
        var start = 0;
        if (rest.StartsWith('`'))
        {
            start = 1;
        }
        if (rest.AsSpan(start).StartsWith("](", StringComparison.Ordinal))
        {
            var close = rest.IndexOf(')', start);
            start = close < 0 ? rest.Length : close + 1;
        }
        var depth = 0;
        for (var i = start; i < rest.Length; i++)
        {
            var c = rest[i];
            var endOfSentence = c == '.' && (i + 1 == rest.Length || char.IsWhiteSpace(rest[i + 1]));
            if (endOfSentence || c is '"' or '<' || (c == ')' && depth == 0))
            {
                return rest[start..i];
            }
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
        }
        return rest[start..];
    }

    private static List<string> SectionsIn(string tail)
    {
        var sections = new List<string>();
        var leading = LeadingPart().Match(tail);
        if (leading.Success)
        {
            sections.Add(leading.Groups["part"].Value);
        }
        foreach (Match words in PartWords().Matches(tail))
        {
            sections.AddRange(words.Groups["part"].Captures.Select(c => c.Value));
        }
        foreach (Match id in SectionId().Matches(tail))
        {
            var letter = id.Groups["letter"].Value;
            var from = int.Parse(id.Groups["number"].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (id.Groups["item"].Success)
            {
                sections.Add($"{letter}{from}-{id.Groups["item"].Value}");
                continue;
            }
            var to = id.Groups["to"].Success ? int.Parse(id.Groups["to"].Value, System.Globalization.CultureInfo.InvariantCulture) : from;
            for (var n = from; n <= to; n++)
            {
                sections.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{letter}{n}"));
            }
        }
        return [.. sections.Distinct(StringComparer.Ordinal)];
    }
}
