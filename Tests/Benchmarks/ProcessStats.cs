using System.Globalization;

namespace KamajiKubeconfig.Tests.Benchmarks;

/// <summary>
/// What Linux's /proc says about another process: resident memory now and at its peak, the anonymous part of it
/// (heap, stacks, native allocations: what a cgroup cannot reclaim, unlike the mapped files of the runtime and
/// assemblies), and CPU time used. Read from outside, so the numbers are the child's alone (the benchmark's own
/// sandbox and test runner are not counted).
/// </summary>
public readonly record struct ProcessStats(double RssMiB, double PeakRssMiB, double AnonymousMiB, double CpuSeconds)
{
    // USER_HZ: the unit of utime/stime in /proc/<pid>/stat; 100 on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100;

    public static ProcessStats Read(int pid)
    {
        var status = File.ReadAllLines($"/proc/{pid}/status");
        // The command name (field 2) may contain spaces; the numeric fields start after its closing parenthesis.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return new ProcessStats(Kib(status, "VmRSS:") / 1024.0, Kib(status, "VmHWM:") / 1024.0, Kib(status, "RssAnon:") / 1024.0, ticks / TicksPerSecond);
    }

    private static long Kib(string[] status, string key)
    {
        var line = status.First(l => l.StartsWith(key, StringComparison.Ordinal));
        return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
