using System.Diagnostics;

namespace KamajiKubeconfig.Benchmarks.Harness;

/// <summary>
/// The counters at one instant: wall clock, the controller's CPU, this process's CPU (the sandbox and the
/// simulator it hosts), and the controller's writes as the sandbox counted them. Two checkpoints of one controller
/// process give an <see cref="Interval"/>.
/// </summary>
public readonly record struct Checkpoint(long Timestamp, double ControllerCpuSeconds, double SandboxCpuSeconds, long Writes)
{
    public static Interval operator -(Checkpoint after, Checkpoint before) => new(
        Stopwatch.GetElapsedTime(before.Timestamp, after.Timestamp).TotalSeconds,
        after.ControllerCpuSeconds - before.ControllerCpuSeconds,
        after.SandboxCpuSeconds - before.SandboxCpuSeconds,
        after.Writes - before.Writes);
}
