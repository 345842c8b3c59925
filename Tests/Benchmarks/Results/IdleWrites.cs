namespace KamajiKubeconfig.Benchmarks.Results;

/// <summary>Writes during one idle window of a converged controller.</summary>
public sealed record IdleWrites(int Tenants, double WindowS, long Writes, double Passes);
