using System.Diagnostics;
using KamajiKubeconfig.Benchmarks.Harness;
using KamajiKubeconfig.Controller.Issuing;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Benchmarks.Scenarios;

/// <summary>
/// The least CPU N kubeconfigs can cost: one new key and one signature by the TCP's CA each, done by the
/// controller's own <see cref="CertificateIssuer"/> on the very requests a first pass over the sandbox's objects
/// plans, on every core of this process while the controller idles. Nothing else of a pass is in it. With
/// <c>samples</c> below N, an even spread of that many requests is timed and the result scaled to N.
/// </summary>
public static class CryptoFloor
{
    private const double MinimumCpuSeconds = 0.5;

    public static FloorMeasurement Measure(BenchSandbox sandbox, string generatorName, int expected, int samples)
    {
        var generator = StoreView.Generator(sandbox, generatorName);
        var plan = Reconciler.Reconcile(generator, StoreView.Build(sandbox, withGenerated: false), DateTimeOffset.UtcNow, ReconcileOptions.Default);
        var requests = plan.Targets.Where(t => t.Action == TargetAction.Issue).Select(t => t.Issue!).ToList();
        if (requests.Count != expected)
        {
            throw new BenchException($"the floor plans {requests.Count} issuances for {generatorName}, expected {expected}");
        }
        var timed = samples >= requests.Count ? requests : [.. Enumerable.Range(0, samples).Select(i => requests[(int)((long)i * requests.Count / samples)])];
        var scale = (double)requests.Count / timed.Count;
        var issuer = new CertificateIssuer(new SystemKeyMaterialSource());
        // The controller reads each CA key from the API server before it signs; that read is not cryptography.
        var caKeys = requests.Select(r => r.CaSecret).Distinct().ToDictionary(r => r, r => StoreView.CaKey(sandbox, r));
        // JIT and the crypto library's first use stay out of the timing.
        for (var i = 0; i < Math.Min(3, requests.Count); i++)
        {
            issuer.Issue(requests[i], caKeys[requests[i].CaSecret]);
        }
        // CPU time is read in 10 ms ticks: a small level repeats the timed set until it has used enough CPU for
        // the figure to mean something, and divides by the rounds.
        var failures = 0;
        var rounds = 0;
        var cpu = ProcessStats.Self().CpuSeconds;
        var started = Stopwatch.GetTimestamp();
        double used;
        do
        {
            Parallel.ForEach(timed, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, request =>
            {
                if (issuer.Issue(request, caKeys[request.CaSecret]).Error is not null)
                {
                    Interlocked.Increment(ref failures);
                }
            });
            rounds++;
            used = ProcessStats.Self().CpuSeconds - cpu;
        }
        while (used < MinimumCpuSeconds && failures == 0 && rounds < 10_000);
        var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return failures == 0
            ? new FloorMeasurement(requests.Count, timed.Count, used / rounds * scale, wall / rounds * scale)
            : throw new BenchException($"{failures} of {timed.Count * rounds} floor issuances failed");
    }
}
