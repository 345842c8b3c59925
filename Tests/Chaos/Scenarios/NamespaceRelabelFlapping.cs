using KamajiKubeconfig.Chaos.Infrastructure;

namespace KamajiKubeconfig.Chaos.Scenarios;

/// <summary>A selected namespace is relabelled out and in 20 times in quick succession, ending out; then 21 times, ending in.</summary>
public sealed class NamespaceRelabelFlapping : FaultScenario
{
    public override string Name => "namespace-relabel-flapping";

    public override string Fault => "namespace label flipped 20× in ~1 s ending unselected (prune), then 21× ending selected";

    /// <summary>Each flip back in needs a new certificate (the pruned key is gone): reported, not limited.</summary>
    public override int MaxCertificatesPerSecret => int.MaxValue;

    public override async Task ArrangeAsync(ChaosWorld world, ScenarioContext context)
    {
        await world.CreateTenantsAsync(["flap"], 3);
        await world.LabelNamespaceAsync("flap", "env", "prod");
        var generator = Objects.Generator(Arrange.Generator, ["flap"]);
        generator["spec"]!["namespaceSelector"] = new System.Text.Json.Nodes.JsonObject { ["matchLabels"] = new System.Text.Json.Nodes.JsonObject { ["env"] = "prod" } };
        await world.CreateGeneratorAsync(generator);
        await world.StartControllerAsync();
    }

    public override async Task InjectAsync(ChaosWorld world, ScenarioContext context)
    {
        await FlapAsync(world, context, 20);
        var (pruned, last) = await world.ConvergeAsync(TimeSpan.FromSeconds(30));
        context.Note(pruned is null ? "did not converge after the first flapping" : $"pruned in {pruned:0.0} s");
        context.Violations.AddRange(last.Select(v => v with { What = "after flapping to unselected: " + v.What }));
        await FlapAsync(world, context, 21);
    }

    private static async Task FlapAsync(ChaosWorld world, ScenarioContext context, int times)
    {
        for (var i = 1; i <= times; i++)
        {
            await world.LabelNamespaceAsync("flap", "env", i % 2 == 1 ? "dev" : "prod");
            context.Injected++;
            await Task.Delay(50);
        }
    }
}
