using System.Diagnostics;
using System.Globalization;
using KamajiKubeconfig.Benchmarks.Harness;
using KamajiKubeconfig.Benchmarks.Results;

namespace KamajiKubeconfig.Benchmarks.Scenarios;

/// <summary>
/// `new_tenant_latency`: TCPs created one by one on the converged large level (each after the controller went
/// quiet from the previous one); the simulator readies each, and the sandbox timestamps both "Kamaji's Secrets
/// ready" and "kubeconfig Secret present" as they happen in its store.
/// </summary>
public static class NewTenantLatency
{
    public static async Task<LatencyResult> RunAsync(
        TenantLevel level, string generator, int samples, string prefix, IReadOnlyDictionary<string, string>? labels = null)
    {
        var watch = level.Sandbox.Watch;
        var latencies = new List<double>();
        var kamaji = new List<double>();
        var served = level.Sandbox.Watch.Count(generator);
        var before = level.Mark();
        for (var i = 0; i < samples; i++)
        {
            var ns = level.Sandbox.Ns(i * 37);
            var name = string.Create(CultureInfo.InvariantCulture, $"{prefix}-{i}");
            var secret = BenchObjects.SecretName(name, generator);
            var created = Stopwatch.GetTimestamp();
            level.Sandbox.CreateTenant(ns, name, labels);
            await Poll.UntilAsync(() => watch.Present(ns, secret), TimeSpan.FromMinutes(2), $"the kubeconfig Secret {ns}/{secret}", level.Diagnostics, 5);
            var ready = watch.KamajiReadyAt(ns, name) ?? throw new BenchException($"no Kamaji readiness seen for {ns}/{name}");
            latencies.Add(Stopwatch.GetElapsedTime(ready, watch.PresentSince(ns, secret)!.Value).TotalMilliseconds);
            kamaji.Add(Stopwatch.GetElapsedTime(created, ready).TotalMilliseconds);
            await level.QuietAsync();
        }
        var run = level.Mark() - before;
        var result = new LatencyResult(
            served,
            samples,
            Round.Ms(Percentile(latencies, 50)),
            Round.Ms(Percentile(latencies, 95)),
            Round.Ms(Percentile(latencies, 99)),
            Round.Ms(latencies.Max()),
            Round.Ms(latencies.Average()),
            Round.Ms(Percentile(kamaji, 50)),
            Round.Ms(run.ControllerCpuSeconds * 1000 / samples),
            Round.Ms(run.SandboxCpuSeconds * 1000 / samples));
        level.Log($"new tenant latency ({generator}, {samples} samples): p50 {result.P50Ms:F0} ms, p99 {result.P99Ms:F0} ms");
        return result;
    }

    /// <summary>Linear interpolation between the closest ranks (numpy's default): p99 of 50 samples lies near the maximum.</summary>
    public static double Percentile(IReadOnlyList<double> values, double percentile)
    {
        var sorted = values.Order().ToArray();
        var rank = percentile / 100 * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + ((rank - low) * (sorted[high] - sorted[low]));
    }
}
