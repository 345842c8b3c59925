using KamajiKubeconfig.Chaos.Scenarios;

namespace KamajiKubeconfig.Chaos.Tests;

/// <summary>
/// A short selection of <c>make chaos</c>'s fault scenarios in <c>make test</c>: the real controller process against the
/// sandbox process, each in its own world (so they run in parallel), with every common invariant checked.
/// </summary>
[Parallelizable(ParallelScope.All)]
public sealed class FaultScenarioTests
{
    [Test]
    public Task WatchStreamsClosed_WhileTenantsChange_Converges() => RunAsync(new WatchStreamsClosed());

    [Test]
    public Task StatusWritesConflict_FiveTimes_StatusEndsTrue() => RunAsync(new ConflictsOnWrites(status: true));

    [Test]
    public Task ClockSkew_ApiServerTenMinutesBehind_KubeconfigsValidAndSettled() => RunAsync(new ClockSkew(-10));

    private static async Task RunAsync(FaultScenario scenario)
    {
        var result = await ScenarioRunner.RunAsync(scenario, ChaosDirectory.ForCurrentTest());
        await TestContext.Out.WriteLineAsync($"{result.Name}: converged in {result.ConvergeSeconds:0.0} s, {result.FaultsInjected} faults, {result.Writes} writes ({result.WritesByKind}), {result.Issued} certificates");
        Assert.Multiple(() =>
        {
            Assert.That(result.Violations, Is.Empty, string.Join("\n", result.Violations));
            Assert.That(result.Recovered, Is.True);
        });
    }
}
