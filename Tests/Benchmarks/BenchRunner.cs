using System.Diagnostics;
using System.Globalization;
using KamajiKubeconfig.Benchmarks.Harness;
using KamajiKubeconfig.Benchmarks.Report;
using KamajiKubeconfig.Benchmarks.Results;
using KamajiKubeconfig.Benchmarks.Scenarios;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Benchmarks;

/// <summary>
/// The whole run, level by level (0, small, large tenants), each with its own sandbox and controller process:
/// <list type="bullet">
/// <item>0: ready, a generator over nothing, idle window (the memory baseline).</item>
/// <item>small: ECDSA convergence + floor, idle window, events; then a second generator with RSA-2048 keys over the same TCPs + floor.</item>
/// <item>large: ECDSA convergence + floor, idle window, naive and memo passes, events, new-tenant latency (ECDSA, then RSA-2048 through a second generator), SIGKILL restart.</item>
/// </list>
/// </summary>
public static class BenchRunner
{
    private const string Main = "scale";
    private const string Rsa = "scale-rsa";
    private const string LatencyRsa = "latency-rsa";

    public static async Task<BenchResults> RunAsync(BenchPlan plan, ProgressLog progress)
    {
        var startedUtc = DateTimeOffset.UtcNow;
        var started = Stopwatch.GetTimestamp();
        var loadAtStart = MachineInfo.LoadAverage();
        var convergence = new Dictionary<string, ConvergenceResult>(StringComparer.Ordinal);
        var convergenceWrites = new Dictionary<string, ConvergenceWrites>(StringComparer.Ordinal);
        var memory = new Dictionary<string, MemoryResult>(StringComparer.Ordinal);
        var idleWrites = new Dictionary<string, IdleWrites>(StringComparer.Ordinal);
        var events = new Dictionary<string, EventLevelResult>(StringComparer.Ordinal);
        var latency = new Dictionary<string, LatencyResult>(StringComparer.Ordinal);

        MemoryResult zero;
        await using (var level = await TenantLevel.StartAsync(plan, Key(0), 0, progress))
        {
            level.Sandbox.Apply(BenchObjects.Generator(Main, KeyAlgorithm.EcdsaP256));
            await level.ConvergedAsync(Main, 0, TimeSpan.FromMinutes(2));
            await level.SettleAsync();
            (zero, var writes) = await IdleWindow.RunAsync(level, null);
            memory[level.Name] = zero;
            idleWrites[level.Name] = writes;
        }

        await using (var level = await TenantLevel.StartAsync(plan, Key(plan.SmallTenants), plan.SmallTenants, progress))
        {
            await ConvergeAsync(level, Main, KeyAlgorithm.EcdsaP256, convergence, convergenceWrites);
            (memory[level.Name], idleWrites[level.Name]) = await IdleWindow.RunAsync(level, zero);
            events[level.Name] = await SteadyEvents.RunAsync(level, Main);
            await ConvergeAsync(level, Rsa, KeyAlgorithm.Rsa2048, convergence, convergenceWrites, last: true);
        }

        RestartResult restart;
        (int Tenants, double NaiveCpuMs, double MemoCpuMs) passes;
        await using (var level = await TenantLevel.StartAsync(plan, Key(plan.LargeTenants), plan.LargeTenants, progress))
        {
            await ConvergeAsync(level, Main, KeyAlgorithm.EcdsaP256, convergence, convergenceWrites);
            (memory[level.Name], idleWrites[level.Name]) = await IdleWindow.RunAsync(level, zero);
            level.Log("naive and memo passes in-process");
            passes = NaivePass.Measure(level.Sandbox, Main);
            events[level.Name] = await SteadyEvents.RunAsync(level, Main);
            latency[CaseName(KeyAlgorithm.EcdsaP256, level.Tenants)] =
                await NewTenantLatency.RunAsync(level, Main, plan.EcdsaLatencySamples, "latency-ecdsa");
            var rsaLabel = (BenchObjects.KeyLabel, "rsa");
            level.Sandbox.Apply(BenchObjects.Generator(LatencyRsa, KeyAlgorithm.Rsa2048, rsaLabel));
            await level.ConvergedAsync(LatencyRsa, 0, TimeSpan.FromMinutes(2));
            await level.SettleAsync();
            latency[CaseName(KeyAlgorithm.Rsa2048, level.Tenants)] = await NewTenantLatency.RunAsync(level, LatencyRsa, plan.RsaLatencySamples, "latency-rsa",
                new Dictionary<string, string> { [rsaLabel.KeyLabel] = rsaLabel.Item2 });
            restart = await Restart.RunAsync(level, Main, generators: 2);
        }

        var small = events[Key(plan.SmallTenants)];
        var large = events[Key(plan.LargeTenants)];
        var steady = new SteadyEventCostResult(
            events,
            Round.Ratio(large.MattersControllerCpuMsPerEvent, small.MattersControllerCpuMsPerEvent),
            Round.Ratio(large.Kinds["irrelevant"].ControllerCpuMsPerEvent, small.Kinds["irrelevant"].ControllerCpuMsPerEvent),
            passes.Tenants,
            Round.Ms(passes.NaiveCpuMs),
            Round.Ms(passes.MemoCpuMs),
            Round.Ratio(passes.NaiveCpuMs, large.MattersControllerCpuMsPerEvent));
        var scenarios = new ScenarioResults(convergence, steady, latency, restart, memory, new ApiResult(convergenceWrites, idleWrites));
        var settings = new BenchSettings(plan.Name, plan.SmallTenants, plan.LargeTenants, BenchSandbox.TenantsPerNamespace, plan.EventsPerKind,
            plan.EcdsaLatencySamples, plan.RsaLatencySamples, plan.IdleWindow.TotalSeconds, plan.QuietWindow.TotalMilliseconds,
            Round.MiB(plan.MemoryLimitBytes / 1024.0 / 1024.0), ControllerProcess.LastMemoryLimitMode, ControllerProcess.BuildName, "ECDSA-P256");
        return new BenchResults(
            BenchResults.SchemaName,
            startedUtc,
            Math.Round(Stopwatch.GetElapsedTime(started).TotalSeconds, 1),
            MachineInfo.Read(loadAtStart),
            Repository.Git(),
            settings,
            scenarios,
            Targets.Check(scenarios, plan));
    }

    /// <summary>
    /// Records one convergence case. With <paramref name="last"/> nothing else runs on this level afterwards, so a
    /// generator that did not converge is a result; otherwise the level's other scenarios cannot run.
    /// </summary>
    private static async Task ConvergeAsync(TenantLevel level, string generator, KeyAlgorithm key,
        Dictionary<string, ConvergenceResult> results, Dictionary<string, ConvergenceWrites> writes, bool last = false)
    {
        var (result, written) = await Convergence.RunAsync(level, generator, key);
        var name = CaseName(key, level.Tenants);
        results[name] = result;
        writes[name] = written;
        if (!result.Converged && !last)
        {
            throw new BenchException($"{generator} did not converge at {level.Name}: the level's other scenarios need a converged controller\n{level.Diagnostics()}");
        }
    }

    /// <summary>A level's key: <c>n10000</c>.</summary>
    public static string Key(int tenants) => string.Create(CultureInfo.InvariantCulture, $"n{tenants}");

    /// <summary>A case's key: <c>ecdsa_p256_n10000</c>, <c>rsa_2048_n1000</c>.</summary>
    public static string CaseName(KeyAlgorithm key, int tenants) =>
        key.Name().ToLowerInvariant().Replace('-', '_') + "_" + Key(tenants);
}
