using System.Diagnostics;
using KamajiKubeconfig.Benchmarks.Harness;
using KamajiKubeconfig.Benchmarks.Results;

namespace KamajiKubeconfig.Benchmarks.Scenarios;

/// <summary>
/// `restart`: SIGKILL of the converged controller, then a new process. "First full pass" ends when every
/// generator has been reconciled once and the queue is empty with no worker busy (scraped every 100 ms). Writes
/// are counted by the sandbox from the kill until the new process has settled: a restart must write nothing.
/// </summary>
public static class Restart
{
    public static async Task<RestartResult> RunAsync(TenantLevel level, string mainGenerator, int generators)
    {
        var writesBefore = level.Sandbox.ControllerWritesByKind();
        var tenants = level.Sandbox.Watch.Count(mainGenerator);
        var peakBefore = level.Controller.Stats().PeakRssMiB;
        await level.KillControllerAsync();
        await level.StartControllerAsync();
        var startedAt = level.Controller.StartedAt;
        var cpuAtReady = level.AtReady.CpuSeconds;
        await Poll.UntilAsync(async () =>
        {
            var scrape = await level.Controller.ScrapeAsync();
            return scrape.Sum(MetricsScrape.Passes) >= generators && scrape.QueueIdle;
        }, TimeSpan.FromMinutes(10), "the first full pass after the restart", level.Diagnostics, 100);
        var firstPassEnd = Stopwatch.GetElapsedTime(startedAt).TotalSeconds;
        var atFirstPass = level.Controller.Stats();
        await level.SettleAsync();
        var byKind = Convergence.Difference(level.Sandbox.ControllerWritesByKind(), writesBefore);
        var result = new RestartResult(
            tenants,
            generators,
            Round.MiB(peakBefore),
            Round.Seconds(level.ReadySeconds),
            Round.Seconds(firstPassEnd),
            Round.Seconds(atFirstPass.CpuSeconds - cpuAtReady),
            Round.Seconds(cpuAtReady),
            byKind.Values.Sum(),
            byKind,
            Round.MiB(atFirstPass.RssMiB),
            Round.MiB(level.Controller.Stats().PeakRssMiB));
        level.Log($"restart: ready {result.ReadyS:F1} s, first pass done {result.FirstPassEndS:F1} s, {result.Writes} writes");
        return result;
    }
}
