namespace KamajiKubeconfig.Benchmarks.Results;

/// <summary>
/// The controller's memory at one tenant count: at ready (caches synced, nothing issued yet), and idle after
/// convergence (end of the idle window), with the peak so far. Per-tenant figures are the growth over the
/// 0-tenant level divided by the tenants. <c>cpu_at_ready_s</c> is the CPU the start took: unlike <c>ready_s</c>, the
/// machine's load barely moves it.
/// </summary>
public sealed record MemoryResult(
    int Tenants,
    double ReadyS,
    double CpuAtReadyS,
    double RssAtReadyMib,
    double RssAnonAtReadyMib,
    double RssIdleMib,
    double RssAnonIdleMib,
    double RssPeakMib,
    double GcHeapIdleMib,
    double GcCommittedIdleMib,
    double? KibPerTenantRss,
    double? KibPerTenantAnon,
    double IdleControllerMillicores,
    double MemoryLimitMib,
    bool PeakWithinLimit);
