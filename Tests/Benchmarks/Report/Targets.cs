using KamajiKubeconfig.Benchmarks.Results;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Benchmarks.Report;

/// <summary>
/// The figures the performance work aims at, each with its target (bench/README.md explains them). "10,000" and
/// "1,000" mean the large and small levels: the smoke run checks the same figures at its own sizes.
/// </summary>
public static class Targets
{
    public static IReadOnlyList<TargetCheck> Check(ScenarioResults s, BenchPlan plan)
    {
        var large = BenchRunner.Key(plan.LargeTenants);
        var ecdsaLarge = BenchRunner.CaseName(KeyAlgorithm.EcdsaP256, plan.LargeTenants);
        var rsaSmall = BenchRunner.CaseName(KeyAlgorithm.Rsa2048, plan.SmallTenants);
        var memory = s.Memory.GetValueOrDefault(large);
        return
        [
            AtMost("peak RSS, large level", $"scenarios.memory.{large}.rss_peak_mib", memory?.RssPeakMib, "MiB", 250),
            AtMost("anonymous RSS per tenant, large level", $"scenarios.memory.{large}.kib_per_tenant_anon", memory?.KibPerTenantAnon, "KiB", 10),
            AtMost("ready after start, large level", $"scenarios.memory.{large}.ready_s", memory?.ReadyS, "s", 5),
            AtMost("controller_cpu_over_floor, ECDSA, large level", $"scenarios.convergence.{ecdsaLarge}.controller_cpu_over_floor",
                s.Convergence.GetValueOrDefault(ecdsaLarge)?.ControllerCpuOverFloor, "x", 1.5),
            AtMost("wall_over_floor, RSA-2048, small level", $"scenarios.convergence.{rsaSmall}.wall_over_floor",
                s.Convergence.GetValueOrDefault(rsaSmall)?.WallOverFloor, "x", 1.2),
            AtMost("event_cpu_ratio_10k_vs_1k", "scenarios.steady_event_cost.event_cpu_ratio_10k_vs_1k", s.SteadyEventCost.EventCpuRatio10kVs1k, "x", 1.5),
            AtLeast("naive_pass_over_event, large level", "scenarios.steady_event_cost.naive_pass_over_event", s.SteadyEventCost.NaivePassOverEvent, "x", 100),
            AtMost("new tenant p99, ECDSA, large level", $"scenarios.new_tenant_latency.{ecdsaLarge}.p99_ms",
                s.NewTenantLatency.GetValueOrDefault(ecdsaLarge)?.P99Ms, "ms", 250),
            AtMost("restart, large level: writes", "scenarios.restart.writes", s.Restart.Writes, "writes", 0),
            AtMost("restart, large level: ready + first pass", "scenarios.restart.first_pass_end_s", s.Restart.FirstPassEndS, "s", 10),
            AtMost("idle writes, large level", $"scenarios.api.idle.{large}.writes", s.Api.Idle.GetValueOrDefault(large)?.Writes, "writes", 0),
        ];
    }

    private static TargetCheck AtMost(string figure, string path, double? value, string unit, double target) =>
        new(figure, path, value, unit, "<= " + target.ToString(System.Globalization.CultureInfo.InvariantCulture), value is { } v ? v <= target : null);

    private static TargetCheck AtLeast(string figure, string path, double? value, string unit, double target) =>
        new(figure, path, value, unit, ">= " + target.ToString(System.Globalization.CultureInfo.InvariantCulture), value is { } v ? v >= target : null);
}
