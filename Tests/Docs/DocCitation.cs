namespace KamajiKubeconfig.Tests.Docs;

/// <summary>One citation of a repository document: <c>docs/behaviour.md B6</c>, or the document alone.</summary>
/// <param name="Document">The path as written, e.g. <c>docs/behaviour.md</c>.</param>
/// <param name="Sections">Section ids after it: <c>B6</c>, parts such as <c>B</c>, list items such as <c>B13-3</c>.</param>
/// <param name="Line">1-based line of the citation.</param>
public sealed record DocCitation(string Document, IReadOnlyList<string> Sections, int Line);
