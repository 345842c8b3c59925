namespace KamajiKubeconfig.Chaos.Scenarios;

/// <summary>Bursts of 500 and 503 on the controller's writes while TCPs are added and a CA rotates.</summary>
public sealed class ServerErrorBursts : FaultScenario
{
    public override string Name => "server-errors-500-503";

    public override string Fault => "10 Secret writes answer 500, then 10 writes of any kind answer 503; 4 TCPs added, a CA rotated";

    public override TimeSpan Deadline => TimeSpan.FromSeconds(45);

    public override Task ArrangeAsync(ChaosWorld world, ScenarioContext context) => Arrange.TenantsAndGeneratorAsync(world, ["errors"], 2);

    public override async Task InjectAsync(ChaosWorld world, ScenarioContext context)
    {
        await world.Control.RuleAsync(500, verb: "create", resource: "secrets", user: ChaosWorld.ControllerUser, count: 10);
        await world.Control.RuleAsync(503, verb: "patch", user: ChaosWorld.ControllerUser, count: 10);
        await Arrange.MoreTenantsAsync(world, "errors", "late", 4);
        await Arrange.RotateCasAsync(world, context, "errors", "tcp0");
        // Kamaji rewrites the CA Secret and the admin kubeconfig in two steps; see many-cas-rotated for the strict count.
        context.CertificateLimits[Arrange.Key(("errors", "tcp0"))] = 2;
    }
}
