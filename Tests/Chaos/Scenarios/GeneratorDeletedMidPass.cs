using KamajiKubeconfig.Chaos.Infrastructure;

namespace KamajiKubeconfig.Chaos.Scenarios;

/// <summary>The generator is deleted while its first RSA-2048 pass is writing: all its Secrets go, then the generator.</summary>
public sealed class GeneratorDeletedMidPass : FaultScenario
{
    public override string Name => "generator-deleted-mid-pass";

    public override string Fault => "generator deleted while its pass writes 10 RSA-2048 kubeconfigs";

    public override bool Heavy => true;

    public override async Task ArrangeAsync(ChaosWorld world, ScenarioContext context)
    {
        await world.CreateTenantsAsync(["gone"], 10);
        await world.StartControllerAsync();
    }

    public override async Task InjectAsync(ChaosWorld world, ScenarioContext context)
    {
        var mark = await world.Control.LastRequestAsync();
        await world.CreateGeneratorAsync(Objects.Generator(Arrange.Generator, ["gone"], "RSA-2048"));
        await Arrange.WaitForPassStartAsync(world, mark);
        var written = await Arrange.CountSecretsAsync(world);
        await world.Admin.DeleteAsync(Objects.Generator(Arrange.Generator));
        context.Injected++;
        context.Note($"deleted with {written} Secrets written");
        var gone = await Poll.UntilAsync(async () => await world.Admin.GetAsync(Objects.Generator(Arrange.Generator)) is null, TimeSpan.FromSeconds(45));
        if (gone is null)
        {
            context.Fail($"generator {Arrange.Generator}", "not gone 45 s after deletion (finalizer kept)");
        }
    }
}
