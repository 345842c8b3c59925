using System.Diagnostics;
using KamajiKubeconfig.Chaos.Infrastructure;

namespace KamajiKubeconfig.Chaos.Scenarios;

/// <summary>
/// Secret creates fail with 500 for 90 s (per-generator backoff keeps doubling), then stop: the deleted Secret must be
/// back within the backoff cap an operator accepts (60 s), not after the uncapped 1000 s backoff (issue 15).
/// </summary>
public sealed class BackoffCap : FaultScenario
{
    private const int FailureSeconds = 90;
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(60);

    public override string Name => "backoff-capped-after-write-failures";

    public override string Fault => $"a Secret deleted; every Secret create answers 500 for {FailureSeconds} s";

    public override TimeSpan Deadline => TimeSpan.FromSeconds(FailureSeconds) + Cap + TimeSpan.FromSeconds(10);

    public override Task ArrangeAsync(ChaosWorld world, ScenarioContext context) => Arrange.TenantsAndGeneratorAsync(world, ["backoff"], 2);

    public override async Task InjectAsync(ChaosWorld world, ScenarioContext context)
    {
        await world.Control.RuleAsync(500, verb: "create", resource: "secrets", user: ChaosWorld.ControllerUser, seconds: FailureSeconds);
        await Arrange.DeleteSecretAsync(world, "backoff", Arrange.SecretName("tcp0"));
        await Task.Delay(TimeSpan.FromSeconds(FailureSeconds));
        var clock = Stopwatch.StartNew();
        var back = await Poll.UntilAsync(async () => await world.Admin.GetAsync(Objects.Secret("backoff", Arrange.SecretName("tcp0"))) is not null,
            Cap + TimeSpan.FromSeconds(5));
        context.Note(back is null ? $"the Secret was not back {Cap.TotalSeconds:0} s after the failures stopped" : $"back {back:0.0} s after the failures stopped");
        if (back is null)
        {
            context.Fail(Arrange.Key(("backoff", "tcp0")), $"still missing {clock.Elapsed.TotalSeconds:0} s after the write failures stopped (backoff not capped at {Cap.TotalSeconds:0} s)");
        }
    }
}
