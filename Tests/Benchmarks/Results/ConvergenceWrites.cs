namespace KamajiKubeconfig.Benchmarks.Results;

/// <summary>Writes from applying a generator until converged and settled, in total, per kubeconfig and by kind.</summary>
public sealed record ConvergenceWrites(int Kubeconfigs, long Writes, double WritesPerKubeconfig, IReadOnlyDictionary<string, long> ByKind);
