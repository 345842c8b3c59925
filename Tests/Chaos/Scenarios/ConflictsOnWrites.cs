namespace KamajiKubeconfig.Chaos.Scenarios;

/// <summary>409 Conflict on the controller's Secret writes, or on its status writes.</summary>
public sealed class ConflictsOnWrites(bool status) : FaultScenario
{
    public override string Name => status ? "conflict-409-status" : "conflict-409-secrets";

    public override string Fault => status ? "next 5 status patches answer 409" : "next 6 Secret creates/patches answer 409";

    public override TimeSpan Deadline => TimeSpan.FromSeconds(40);

    public override Task ArrangeAsync(ChaosWorld world, ScenarioContext context) => Arrange.TenantsAndGeneratorAsync(world, ["conflict"], 2);

    public override async Task InjectAsync(ChaosWorld world, ScenarioContext context)
    {
        if (status)
        {
            await world.Control.RuleAsync(409, verb: "patch", resource: "kubeconfiggenerators", subresource: "status", user: ChaosWorld.ControllerUser, count: 5);
        }
        else
        {
            await world.Control.RuleAsync(409, verb: "create", resource: "secrets", user: ChaosWorld.ControllerUser, count: 3);
            await world.Control.RuleAsync(409, verb: "patch", resource: "secrets", user: ChaosWorld.ControllerUser, count: 3);
            await Arrange.PatchSecretAsync(world, "conflict", Arrange.SecretName("tcp0"), new System.Text.Json.Nodes.JsonObject
            {
                ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["labels"] = new System.Text.Json.Nodes.JsonObject { ["kamaji.clastix.io/certificate_lifecycle_controller"] = null } },
            });
        }
        await Arrange.MoreTenantsAsync(world, "conflict", "late", 3);
    }
}
