namespace KamajiKubeconfig.Chaos.Scenarios;

/// <summary>Every request of the controller takes 2 s longer, while TCPs are added and a Secret is deleted.</summary>
public sealed class SlowApiServer : FaultScenario
{
    public override string Name => "latency-2s";

    public override string Fault => "2 s added to every request of the controller; 3 TCPs added, a Secret deleted";

    public override TimeSpan Deadline => TimeSpan.FromSeconds(90);

    public override Task ArrangeAsync(ChaosWorld world, ScenarioContext context) => Arrange.TenantsAndGeneratorAsync(world, ["slow"], 2);

    public override async Task InjectAsync(ChaosWorld world, ScenarioContext context)
    {
        await world.Control.UserLatencyAsync(ChaosWorld.ControllerUser, TimeSpan.FromSeconds(2));
        context.Injected++;
        await Arrange.MoreTenantsAsync(world, "slow", "late", 3);
        await Arrange.DeleteSecretAsync(world, "slow", Arrange.SecretName("tcp1"));
    }
}
