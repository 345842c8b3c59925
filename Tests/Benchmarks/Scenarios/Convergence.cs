using KamajiKubeconfig.Benchmarks.Harness;
using KamajiKubeconfig.Benchmarks.Results;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Benchmarks.Scenarios;

/// <summary>
/// `convergence`: applies a generator over every selectable TCP of the level and waits until each has its Secret
/// and the generator is Ready; then lets the passes its own writes trigger settle, and measures the crypto floor
/// of the same issuances in-process. A generator that has not converged after <see cref="BenchPlan.ConvergenceTimeout"/>
/// (two of the controller's 5-minute pass timeouts and a minute: its passes are being cancelled) is reported as such, with
/// what it cost so far; the caller decides whether the level can go on.
/// </summary>
public static class Convergence
{
    public static async Task<(ConvergenceResult Result, ConvergenceWrites Writes)> RunAsync(TenantLevel level, string generatorName, KeyAlgorithm key)
    {
        var tenants = level.Sandbox.SelectableTenants();
        var scrapeBefore = await level.Controller.ScrapeAsync();
        var writesBefore = level.Sandbox.ControllerWritesByKind();
        var before = level.Mark();
        level.Sandbox.Apply(BenchObjects.Generator(generatorName, key));
        var done = await level.TryConvergeAsync(generatorName, tenants, level.Plan.ConvergenceTimeout);
        var converged = level.Mark();
        var load = MachineInfo.LoadAverage();
        if (done)
        {
            await level.SettleAsync();
        }
        var settled = level.Mark();
        var scrapeAfter = await level.Controller.ScrapeAsync();
        var byKind = Difference(level.Sandbox.ControllerWritesByKind(), writesBefore);
        var passErrors = scrapeAfter.Sum(MetricsScrape.PassErrors) - scrapeBefore.Sum(MetricsScrape.PassErrors);
        level.Log(done
            ? $"{generatorName}: {tenants} {key.Name()} kubeconfigs in {(converged - before).WallSeconds:F1} s; measuring the crypto floor"
            : $"{generatorName}: NOT converged after {(converged - before).WallSeconds:F0} s ({level.Sandbox.Watch.Count(generatorName)} of {tenants} Secrets, {passErrors} failed passes); measuring the crypto floor");

        var floor = CryptoFloor.Measure(level.Sandbox, generatorName, tenants, key.RsaBits() > 0 ? level.Plan.RsaFloorSamples : int.MaxValue);
        var run = converged - before;
        var settle = settled - converged;
        var result = new ConvergenceResult(
            tenants,
            key.Name(),
            done,
            Round.Seconds(run.WallSeconds),
            Round.Seconds(run.ControllerCpuSeconds),
            Round.Ms(run.ControllerCpuSeconds * 1000 / tenants),
            Round.Seconds(run.SandboxCpuSeconds),
            Math.Round(run.ControllerCpuSeconds / run.WallSeconds, 2),
            Math.Round(run.SandboxCpuSeconds / run.WallSeconds, 2),
            floor.Sampled,
            Round.Seconds(floor.CpuSeconds),
            Round.Ms(floor.CpuSeconds * 1000 / tenants),
            Round.Seconds(floor.IdealWallSeconds),
            Round.Seconds(floor.WallSeconds),
            done ? Round.Ratio(run.ControllerCpuSeconds, floor.CpuSeconds) : null,
            done ? Round.Ratio(run.WallSeconds, floor.IdealWallSeconds) : null,
            scrapeAfter.Sum(MetricsScrape.Issued) - scrapeBefore.Sum(MetricsScrape.Issued),
            scrapeAfter.Sum(MetricsScrape.Passes) - scrapeBefore.Sum(MetricsScrape.Passes),
            passErrors,
            (settled - before).Writes,
            Round.Seconds(settle.WallSeconds),
            Round.Seconds(settle.ControllerCpuSeconds),
            load);
        var writes = new ConvergenceWrites(tenants, result.Writes, Round.Ratio(result.Writes, tenants) ?? 0, byKind);
        return (result, writes);
    }

    public static IReadOnlyDictionary<string, long> Difference(IReadOnlyDictionary<string, long> after, IReadOnlyDictionary<string, long> before) =>
        after.Select(p => (p.Key, Count: p.Value - before.GetValueOrDefault(p.Key)))
            .Where(p => p.Count != 0)
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(p => p.Key, p => p.Count, StringComparer.Ordinal);
}
