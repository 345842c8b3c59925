namespace KamajiKubeconfig.Chaos.Scenarios;

/// <summary>Every watch stream is closed mid-stream, six times, while TCPs are added and a CA rotates.</summary>
public sealed class WatchStreamsClosed : FaultScenario
{
    public override string Name => "watch-streams-closed";

    public override string Fault => "all watches closed 6× (1 s apart) while 3 TCPs are added and a CA rotates";

    public override TimeSpan Deadline => TimeSpan.FromSeconds(45);

    public override Task ArrangeAsync(ChaosWorld world, ScenarioContext context) => Arrange.TenantsAndGeneratorAsync(world, ["watch"], 3);

    public override async Task InjectAsync(ChaosWorld world, ScenarioContext context)
    {
        for (var i = 0; i < 6; i++)
        {
            await world.Control.CloseWatchesAsync();
            context.Injected++;
            if (i < 3)
            {
                await world.CreateTenantAsync("watch", $"late{i}");
            }
            if (i == 3)
            {
                await Arrange.RotateCasAsync(world, context, "watch", "tcp0");
                context.CertificateLimits[Arrange.Key(("watch", "tcp0"))] = 2;
            }
            await Task.Delay(1000);
        }
        await Infrastructure.Poll.UntilAsync(() => world.TenantsReadyAsync([("watch", "late0"), ("watch", "late1"), ("watch", "late2")]), TimeSpan.FromSeconds(60));
    }
}
