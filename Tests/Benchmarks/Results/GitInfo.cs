namespace KamajiKubeconfig.Benchmarks.Results;

/// <summary>The commit measured; <c>dirty</c> when the work tree had uncommitted changes to tracked files.</summary>
public sealed record GitInfo(string Commit, string Branch, bool Dirty);
