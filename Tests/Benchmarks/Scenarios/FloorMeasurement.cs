namespace KamajiKubeconfig.Benchmarks.Scenarios;

/// <summary>
/// The floor of N issuances, timed on <paramref name="Sampled"/> of them (all, or an even spread) and scaled to N:
/// CPU-seconds over all cores, and the wall time they took on every core.
/// </summary>
public readonly record struct FloorMeasurement(int Issued, int Sampled, double CpuSeconds, double WallSeconds)
{
    /// <summary>The floor's wall time: its CPU spread perfectly over the machine's cores.</summary>
    public double IdealWallSeconds => CpuSeconds / Environment.ProcessorCount;
}
