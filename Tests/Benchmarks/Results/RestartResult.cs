namespace KamajiKubeconfig.Benchmarks.Results;

/// <summary>
/// SIGKILL of the converged controller at the large level and a new process: seconds from its start to ready and
/// to the end of its first full pass (every generator reconciled once, queue empty), and what it wrote meanwhile.
/// <c>rss_peak_before_kill_mib</c> is the killed process's peak over its whole life (convergence, events, latency).
/// </summary>
public sealed record RestartResult(
    int Tenants,
    int Generators,
    double RssPeakBeforeKillMib,
    double ReadyS,
    double FirstPassEndS,
    double FirstPassCpuS,
    double StartupCpuS,
    long Writes,
    IReadOnlyDictionary<string, long> WritesByKind,
    double RssAfterFirstPassMib,
    double RssPeakMib);
