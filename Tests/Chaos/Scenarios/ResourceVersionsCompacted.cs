namespace KamajiKubeconfig.Chaos.Scenarios;

/// <summary>Watches closed, history compacted, and for 6 s every list or watch from a resourceVersion answered 410, while objects change.</summary>
public sealed class ResourceVersionsCompacted : FaultScenario
{
    public override string Name => "resourceversions-compacted";

    public override string Fault => "watches closed, history compacted, 410 on every watch/list from a resourceVersion for 6 s; TCPs added/deleted, CA rotated meanwhile";

    public override TimeSpan Deadline => TimeSpan.FromSeconds(45);

    public override Task ArrangeAsync(ChaosWorld world, ScenarioContext context) => Arrange.TenantsAndGeneratorAsync(world, ["compact"], 3);

    public override async Task InjectAsync(ChaosWorld world, ScenarioContext context)
    {
        await world.Control.ExpireAsync(TimeSpan.FromSeconds(6), ChaosWorld.ControllerUser);
        await world.Control.CloseWatchesAsync();
        await world.Control.CompactAsync();
        context.Injected += 2;
        await Arrange.MoreTenantsAsync(world, "compact", "late", 2);
        await world.Admin.DeleteAsync(Infrastructure.Objects.Tenant("compact", "tcp2"));
        await world.Control.CompactAsync();
        context.Injected++;
        await Task.Delay(6000);
    }
}
