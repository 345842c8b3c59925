namespace KamajiKubeconfig.Benchmarks.Results;

/// <summary>One figure against its target (bench/README.md) (<c>met</c> is null when the figure is missing).</summary>
public sealed record TargetCheck(string Figure, string Path, double? Value, string Unit, string Target, bool? Met);
