namespace KamajiKubeconfig.Benchmarks.Results;

/// <summary>
/// Steady-state events at one tenant count. Kinds: <c>relabel_out</c> (a TCP leaves the selection: its Secret is
/// pruned), <c>relabel_in</c> (it comes back: issued), <c>new_tenant</c> (a TCP created, readied by the simulator,
/// issued), <c>irrelevant</c> (a status field no generator reads). <c>matters</c> is the mean of the first three.
/// </summary>
public sealed record EventLevelResult(
    int Tenants,
    double IdleControllerMillicores,
    IReadOnlyDictionary<string, EventKindResult> Kinds,
    double MattersControllerCpuMsPerEvent);
