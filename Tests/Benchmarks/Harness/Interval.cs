namespace KamajiKubeconfig.Benchmarks.Harness;

/// <summary>What happened between two <see cref="Checkpoint"/>s.</summary>
public readonly record struct Interval(double WallSeconds, double ControllerCpuSeconds, double SandboxCpuSeconds, long Writes)
{
    public static Interval operator +(Interval a, Interval b) => new(
        a.WallSeconds + b.WallSeconds, a.ControllerCpuSeconds + b.ControllerCpuSeconds, a.SandboxCpuSeconds + b.SandboxCpuSeconds, a.Writes + b.Writes);
}
