using KamajiKubeconfig.Chaos.Infrastructure;

namespace KamajiKubeconfig.Chaos.Scenarios;

/// <summary>TCPs and a whole namespace are deleted while the generator's RSA-2048 pass writes.</summary>
public sealed class DeletedMidPass : FaultScenario
{
    public override string Name => "tenants-and-namespace-deleted-mid-pass";

    public override string Fault => "3 TCPs and a namespace of 5 deleted while a pass writes 10 RSA-2048 kubeconfigs";

    public override bool Heavy => true;

    public override async Task ArrangeAsync(ChaosWorld world, ScenarioContext context)
    {
        await world.CreateTenantsAsync(["keep", "drop"], 5);
        await world.StartControllerAsync();
    }

    public override async Task InjectAsync(ChaosWorld world, ScenarioContext context)
    {
        var mark = await world.Control.LastRequestAsync();
        await world.CreateGeneratorAsync(Objects.Generator(Arrange.Generator, ["keep", "drop"], "RSA-2048"));
        await Arrange.WaitForPassStartAsync(world, mark);
        for (var i = 0; i < 3; i++)
        {
            await world.Admin.DeleteAsync(Objects.Tenant("keep", $"tcp{i}"));
        }
        await world.Admin.DeleteAsync("/api/v1/namespaces/drop");
        context.Injected += 4;
    }
}
