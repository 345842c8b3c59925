using System.Globalization;

namespace KamajiKubeconfig.Benchmarks.Harness;

/// <summary>
/// What Linux's /proc says about a process: resident memory now and at its peak, the anonymous part of it (heap,
/// stacks, native allocations: what a cgroup cannot reclaim, unlike the mapped files of the runtime and
/// assemblies), and CPU time used by all its threads. Read from outside, so the controller's numbers are its own.
/// </summary>
public readonly record struct ProcessStats(double RssMiB, double PeakRssMiB, double AnonymousMiB, double CpuSeconds)
{
    // USER_HZ: the unit of utime/stime in /proc/<pid>/stat; 100 on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100;

    public static ProcessStats Read(int pid)
    {
        var status = File.ReadAllLines($"/proc/{pid}/status");
        return new ProcessStats(Kib(status, "VmRSS:") / 1024.0, Kib(status, "VmHWM:") / 1024.0, Kib(status, "RssAnon:") / 1024.0, CpuSecondsOf(pid));
    }

    /// <summary>This process: the benchmark itself, which hosts the sandbox.</summary>
    public static ProcessStats Self() => Read(Environment.ProcessId);

    /// <summary>utime + stime of every thread of the process, in seconds (10 ms resolution).</summary>
    public static double CpuSecondsOf(int pid) => StatTicks($"/proc/{pid}/stat") / TicksPerSecond;

    /// <summary>utime + stime of the calling thread alone, in seconds (10 ms resolution).</summary>
    public static double CurrentThreadCpuSeconds() => StatTicks("/proc/thread-self/stat") / TicksPerSecond;

    private static long StatTicks(string path)
    {
        // The command name (field 2) may contain spaces; the numeric fields start after its closing parenthesis.
        var stat = File.ReadAllText(path);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    private static long Kib(string[] status, string key)
    {
        var line = status.First(l => l.StartsWith(key, StringComparison.Ordinal));
        return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
