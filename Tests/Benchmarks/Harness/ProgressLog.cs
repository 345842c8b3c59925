using System.Diagnostics;
using System.Globalization;

namespace KamajiKubeconfig.Benchmarks.Harness;

/// <summary>Progress lines, stamped with the seconds since the run started and the level they belong to.</summary>
public sealed class ProgressLog(TextWriter writer)
{
    private readonly long _started = Stopwatch.GetTimestamp();

    public void Write(string level, string message) => writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"[{Stopwatch.GetElapsedTime(_started).TotalSeconds,5:F0} s {level}] {message}"));
}
