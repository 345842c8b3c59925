using System.Text.Json.Serialization;

namespace KamajiKubeconfig.Benchmarks.Results;

/// <summary>
/// What one routine event costs the converged controller at the small and the large tenant count, and how that
/// compares with one full pass that remembers nothing (<c>Reconciler.Reconcile</c> with <c>NoValidityMemo</c>,
/// in-process over the large level's objects) and with one full pass through a primed memo.
/// </summary>
public sealed record SteadyEventCostResult(
    IReadOnlyDictionary<string, EventLevelResult> Levels,
    [property: JsonPropertyName("event_cpu_ratio_10k_vs_1k")] double? EventCpuRatio10kVs1k,
    [property: JsonPropertyName("irrelevant_event_cpu_ratio_10k_vs_1k")] double? IrrelevantEventCpuRatio10kVs1k,
    int NaivePassTenants,
    double NaivePassCpuMs,
    double MemoPassCpuMs,
    double? NaivePassOverEvent);
