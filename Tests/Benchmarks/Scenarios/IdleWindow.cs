using KamajiKubeconfig.Benchmarks.Harness;
using KamajiKubeconfig.Benchmarks.Results;

namespace KamajiKubeconfig.Benchmarks.Scenarios;

/// <summary>
/// A converged, settled controller left alone for <see cref="BenchPlan.IdleWindow"/>: it must write nothing. Its
/// CPU over the window is the idle baseline later subtracted from event costs, and its memory at the end is the
/// level's idle memory.
/// </summary>
public static class IdleWindow
{
    private const double Mi = 1024 * 1024;

    public static async Task<(MemoryResult Memory, IdleWrites Writes)> RunAsync(TenantLevel level, MemoryResult? zeroTenants)
    {
        var scrapeBefore = await level.Controller.ScrapeAsync();
        var before = level.Mark();
        await Task.Delay(level.Plan.IdleWindow);
        var idle = level.Mark() - before;
        var scrapeAfter = await level.Controller.ScrapeAsync();
        var stats = level.Controller.Stats();
        level.IdleCores = idle.ControllerCpuSeconds / idle.WallSeconds;
        level.Log($"idle {idle.WallSeconds:F0} s: {idle.Writes} writes, {level.IdleCores * 1000:F1} millicores, RSS {stats.RssMiB:F0} MiB (anonymous {stats.AnonymousMiB:F0}), peak {stats.PeakRssMiB:F0} MiB");

        var limitMib = level.Plan.MemoryLimitBytes / Mi;
        var memory = new MemoryResult(
            level.Tenants,
            Round.Seconds(level.ReadySeconds),
            Round.Seconds(level.AtReady.CpuSeconds),
            Round.MiB(level.AtReady.RssMiB),
            Round.MiB(level.AtReady.AnonymousMiB),
            Round.MiB(stats.RssMiB),
            Round.MiB(stats.AnonymousMiB),
            Round.MiB(stats.PeakRssMiB),
            Round.MiB(scrapeAfter.Sum(MetricsScrape.HeapBytes) / Mi),
            Round.MiB(scrapeAfter.Sum(MetricsScrape.CommittedBytes) / Mi),
            PerTenant(stats.RssMiB, zeroTenants?.RssIdleMib, level.Tenants),
            PerTenant(stats.AnonymousMiB, zeroTenants?.RssAnonIdleMib, level.Tenants),
            Math.Round(level.IdleCores * 1000, 1),
            Round.MiB(limitMib),
            stats.PeakRssMiB < limitMib);
        var writes = new IdleWrites(level.Tenants, Round.Seconds(idle.WallSeconds), idle.Writes,
            scrapeAfter.Sum(MetricsScrape.Passes) - scrapeBefore.Sum(MetricsScrape.Passes));
        return (memory, writes);
    }

    /// <summary>KiB per tenant of growth over the 0-tenant level.</summary>
    private static double? PerTenant(double mib, double? zeroMib, int tenants) =>
        zeroMib is { } zero && tenants > 0 ? Math.Round((mib - zero) * 1024 / tenants, 2) : null;
}
