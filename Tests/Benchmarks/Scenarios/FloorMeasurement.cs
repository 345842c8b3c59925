namespace KamajiKubeconfig.Benchmarks.Scenarios;

/// <summary>N issuances: CPU-seconds over all cores, and the wall time they took on every core.</summary>
public readonly record struct FloorMeasurement(int Issued, double CpuSeconds, double WallSeconds)
{
    /// <summary>The floor's wall time: its CPU spread perfectly over the machine's cores.</summary>
    public double IdealWallSeconds => CpuSeconds / Environment.ProcessorCount;
}
