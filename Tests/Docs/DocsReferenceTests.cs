using System.Text.RegularExpressions;
using KamajiKubeconfig.Tests.EndToEnd;

namespace KamajiKubeconfig.Tests.Docs;

/// <summary>
/// The docs live with the code: every <c>docs/*.md</c> a file of the repository cites exists, every section id cited
/// after it is a heading there (docs/design.md, "Folder layout"), and nothing points at documents that do not ship
/// with the project. Scans the files on disk, build output excluded.
/// </summary>
public class DocsReferenceTests
{
    private static readonly HashSet<string> SkippedDirectories =
        new(["bin", "obj", "out", "TestResults", "node_modules", ".git", ".sandbox"], StringComparer.Ordinal);

    // Built from pieces so that this file does not match its own pattern.
    private static readonly Regex OutsideDocs = new(@"\.\./shared|shared" + "/docs", RegexOptions.CultureInvariant);

    [Test]
    public void Repository_CitationsOfDocs_NameExistingDocumentsAndHeadings()
    {
        var problems = new List<string>();
        var headings = new Dictionary<string, IReadOnlySet<string>?>(StringComparer.Ordinal);
        foreach (var (path, text) in TextFiles())
        {
            foreach (var citation in DocCitations.Find(text))
            {
                if (!headings.TryGetValue(citation.Document, out var ids))
                {
                    var file = Path.Combine(RepoPaths.Root, citation.Document);
                    ids = File.Exists(file) ? DocCitations.HeadingIds(File.ReadAllText(file)) : null;
                    headings[citation.Document] = ids;
                }
                if (ids is null)
                {
                    problems.Add($"{path}:{citation.Line}: {citation.Document} does not exist");
                    continue;
                }
                problems.AddRange(citation.Sections.Where(s => !ids.Contains(s))
                    .Select(s => $"{path}:{citation.Line}: {citation.Document} has no heading {s}"));
            }
        }

        Assert.That(problems, Is.Empty);
    }

    [Test]
    public void Repository_Citations_AreFoundInCodeTestsAndReadme()
    {
        // Guards the test above against passing vacuously: the scanner must see the citations the code is known to make.
        var citations = TextFiles().SelectMany(f => DocCitations.Find(f.Text).Select(c => (f.Path, Citation: c))).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(citations.Select(c => c.Citation.Document).Distinct(),
                Is.SupersetOf(new[] { "docs/behaviour.md", "docs/design.md", "docs/kubernetes-notes.md" }));
            Assert.That(citations, Has.Some.Matches<(string Path, DocCitation Citation)>(
                c => c.Path == "Reconcile/ReconcilePlan.cs" && c.Citation.Sections.Contains("B6")));
            Assert.That(citations, Has.Some.Matches<(string Path, DocCitation Citation)>(
                c => c.Path == "README.md" && c.Citation.Document == "docs/behaviour.md"));
            Assert.That(citations.Count(c => c.Citation.Sections.Count > 0), Is.GreaterThan(50));
        });
    }

    [Test]
    public void Repository_NoFile_PointsAtSharedDocuments()
    {
        var offenders = TextFiles()
            .SelectMany(f => f.Text.Split('\n').Select((line, i) => (f.Path, Line: i + 1, Text: line)))
            .Where(l => OutsideDocs.IsMatch(l.Text))
            .Select(l => $"{l.Path}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.That(offenders, Is.Empty);
    }

    [TestCase("(docs/behaviour.md B6). What it issued and", "docs/behaviour.md", "B6")]
    [TestCase("docs/behaviour.md A4, B1, B2, B8 and scenarios C5–C8: when", "docs/behaviour.md", "A4 B1 B2 B8 C5 C6 C7 C8")]
    [TestCase("docs/behaviour.md scenarios C3 (TCP not ready yet), C4 (errors), C11 (collision).", "docs/behaviour.md", "C3 C4 C11")]
    [TestCase("docs/behaviour.md A1 pause, B3 finalizer, scenarios C9, C10.", "docs/behaviour.md", "A1 B3 C9 C10")]
    [TestCase("fixes its defects (see `docs/behaviour.md` part B):", "docs/behaviour.md", "B")]
    [TestCase("every rule of docs/behaviour.md parts A and B that can be decided", "docs/behaviour.md", "A B")]
    [TestCase("// docs/behaviour.md B: renewBefore = min(deadline, validity / 3).", "docs/behaviour.md", "B")]
    [TestCase("the watch quirks (docs/kubernetes-notes.md B5, B13): a 410 reaches A1", "docs/kubernetes-notes.md", "B5 B13")]
    [TestCase("no read timeout (docs/kubernetes-notes.md B13-3).", "docs/kubernetes-notes.md", "B13-3")]
    [TestCase("/// docs/design.md: the only place that retries", "docs/design.md", "")]
    [TestCase("as cited (\"docs/behaviour.md B6\"; or just \"A6\")", "docs/behaviour.md", "B6")]
    public void Find_CitationForms_YieldTheirSectionIds(string line, string document, string sections)
    {
        var citation = DocCitations.Find(line).Single();

        Assert.That(citation.Document, Is.EqualTo(document));
        Assert.That(citation.Sections, Is.EqualTo(sections.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
    }

    [TestCase("see https://kubernetes.io/docs/tasks/tools/ and https://example.com/docs/guide.md A1")]
    [TestCase("Tests/docs/behaviour.md B6")]
    public void Find_PathsThatAreNotRepositoryDocs_AreNoCitations(string line) =>
        Assert.That(DocCitations.Find(line), Is.Empty);

    [Test]
    public void HeadingIds_PartsSectionsAndNumberedItems_AreIds()
    {
        const string markdown = """
            # Title
            ## A. Part
            ### A1. First
            1. not an id: A1-1 is, though
            ### B13. Pitfalls
            1. one
            3. three
            ## Data flow
            1. under a heading without id
            """;

        Assert.That(DocCitations.HeadingIds(markdown), Is.EquivalentTo(new[] { "A", "A1", "A1-1", "B13", "B13-1", "B13-3" }));
    }

    /// <summary>Every text file of the repository, by path relative to its root with forward slashes.</summary>
    private static IEnumerable<(string Path, string Text)> TextFiles()
    {
        var root = RepoPaths.Root;
        var pending = new Stack<string>([root]);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            foreach (var sub in Directory.EnumerateDirectories(directory).Where(d => !SkippedDirectories.Contains(Path.GetFileName(d))))
            {
                pending.Push(sub);
            }
            foreach (var file in Directory.EnumerateFiles(directory).Where(f => new FileInfo(f).Length < 1_000_000))
            {
                var text = File.ReadAllText(file);
                if (!text.Contains('\0', StringComparison.Ordinal))
                {
                    yield return (Path.GetRelativePath(root, file).Replace('\\', '/'), text);
                }
            }
        }
    }
}
