namespace KamajiKubeconfig.Chaos.Scenarios;

/// <summary>The API server refuses connections for 30 s, then serves again with its state; a Secret was deleted just before.</summary>
public sealed class ApiServerDown : FaultScenario
{
    public override string Name => "api-server-down-30s";

    public override string Fault => "connections refused for 30 s (state kept); a generated Secret deleted and a TCP added just before";

    public override TimeSpan Deadline => TimeSpan.FromSeconds(75);

    public override Task ArrangeAsync(ChaosWorld world, ScenarioContext context) => Arrange.TenantsAndGeneratorAsync(world, ["down"], 3);

    public override async Task InjectAsync(ChaosWorld world, ScenarioContext context)
    {
        await world.CreateTenantAsync("down", "late0");
        await Arrange.DeleteSecretAsync(world, "down", Arrange.SecretName("tcp1"));
        await world.Control.RestartAsync(TimeSpan.FromSeconds(30));
        context.Injected++;
        await Task.Delay(TimeSpan.FromSeconds(31));
    }
}
