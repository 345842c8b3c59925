using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Serialization;

namespace KamajiKubeconfig.Benchmarks.Results;

/// <summary>Where the figures were taken: absolute times only compare on the same machine under the same load.</summary>
public sealed record MachineInfo(
    int Cores,
    string CpuModel,
    double MemoryMib,
    string Os,
    string Runtime,
    [property: JsonPropertyName("load_average_1m_start")] double LoadAverage1mStart,
    [property: JsonPropertyName("load_average_1m_end")] double LoadAverage1mEnd)
{
    public static MachineInfo Read(double loadAtStart) => new(
        Environment.ProcessorCount,
        File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown",
        Math.Round(double.Parse(File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024, 0),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        loadAtStart,
        LoadAverage());

    /// <summary>The 1-minute load average: other processes competing for the cores.</summary>
    public static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
}
