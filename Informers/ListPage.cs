namespace KamajiKubeconfig.Informers;

/// <summary>
/// One page of a list. Every page of a paged list carries the first page's resourceVersion (a consistent
/// snapshot), and <see cref="Continue"/> is null on the last page.
/// </summary>
public sealed record ListPage<TRaw>(IReadOnlyList<TRaw> Items, string ResourceVersion, string? Continue);
