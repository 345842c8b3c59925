using KamajiKubeconfig.Chaos.Infrastructure;

namespace KamajiKubeconfig.Chaos.Scenarios;

/// <summary>
/// One Secret create hangs past the client's timeout (100 s in the C# client) while 11 other TCPs need Secrets: the
/// others must be written without waiting for it, the controller must stay ready, and the hung tenant must converge.
/// </summary>
public sealed class HungRequest : FaultScenario
{
    public override string Name => "request-hangs-past-client-timeout";

    public override string Fault => "the first Secret create hangs until the client gives up (≈100 s) while 12 TCPs need Secrets";

    public override TimeSpan Deadline => TimeSpan.FromSeconds(170);

    public override Task ArrangeAsync(ChaosWorld world, ScenarioContext context) => Arrange.TenantsAndGeneratorAsync(world, ["hang"], 1);

    public override async Task InjectAsync(ChaosWorld world, ScenarioContext context)
    {
        await world.Control.RuleAsync(504, verb: "create", resource: "secrets", user: ChaosWorld.ControllerUser, count: 1, hangSeconds: 160);
        var late = await Arrange.MoreTenantsAsync(world, "hang", "late", 12);
        var others = await Poll.UntilAsync(async () =>
        {
            var secrets = await world.Admin.ListAsync("/api/v1/namespaces/hang/secrets?labelSelector=kamaji.clastix.io%2Fmanaged-by");
            return secrets.Count >= late.Count;
        }, TimeSpan.FromSeconds(30));
        context.Note(others is null ? "the other 11 Secrets were not all written within 30 s of the hang" : $"the other 11 Secrets were written in {others:0.0} s despite the hung request");
        if (others is null)
        {
            context.Fail("controller", "TCPs added while one Secret create hung got no Secret for more than 30 s: the generator's pass waits for the hung request until the client's 100 s timeout");
        }
        var readyDuringHang = await world.Controllers[0].IsReadyAsync();
        if (!readyDuringHang)
        {
            context.Fail("controller", "/readyz failed while one request hung");
        }
    }
}
