using KamajiKubeconfig.Chaos.Infrastructure;

namespace KamajiKubeconfig.Chaos.Scenarios;

/// <summary>Two replicas with leader election; the leader is SIGKILLed while issuing 12 RSA-2048 kubeconfigs; the standby takes over.</summary>
public sealed class LeaderKilledUnderLoad : FaultScenario
{
    public override string Name => "leader-killed-under-load";

    public override string Fault => "2 replicas (leader election); SIGKILL of the leader while issuing 12 RSA-2048 kubeconfigs";

    public override TimeSpan Deadline => TimeSpan.FromSeconds(120);

    public override bool Heavy => true;

    public override async Task ArrangeAsync(ChaosWorld world, ScenarioContext context)
    {
        await world.CreateTenantsAsync(["leader"], 12);
        await world.StartControllerAsync(leaderElect: true);
        await world.StartControllerAsync(leaderElect: true);
    }

    public override async Task InjectAsync(ChaosWorld world, ScenarioContext context)
    {
        string? holder = null;
        await Poll.UntilAsync(async () => (holder = (await Arrange.LeaseAsync(world))?["spec"]?["holderIdentity"]?.ToString()) is { Length: > 0 }, TimeSpan.FromSeconds(30));
        var leader = world.Controllers.First(c => holder?.StartsWith(c.Name + "_", StringComparison.Ordinal) == true);
        var mark = await world.Control.LastRequestAsync();
        await world.CreateGeneratorAsync(Objects.Generator(Arrange.Generator, ["leader"], "RSA-2048"));
        await Arrange.WaitForPassStartAsync(world, mark);
        var written = await Arrange.CountSecretsAsync(world);
        await leader.KillAsync();
        context.Injected++;
        world.Retired.Add(leader);
        context.Note($"killed leader {leader.Name} with {written} of 12 Secrets written");
    }
}
