namespace KamajiKubeconfig.Chaos.Scenarios;

/// <summary>
/// Ten tenant CAs rotated at once: every kubeconfig must chain to its new CA, each
/// with exactly one new certificate. Kamaji writes the CA Secret and the admin kubeconfig in two steps, so a controller
/// that issues as soon as the CA changes, before the template carries the new CA, issues twice.
/// </summary>
public sealed class ManyCasRotated : FaultScenario
{
    public override string Name => "many-cas-rotated";

    public override string Fault => "10 tenant CAs rotated at once";

    public override Task ArrangeAsync(ChaosWorld world, ScenarioContext context) => Arrange.TenantsAndGeneratorAsync(world, ["rotate"], 10);

    public override async Task InjectAsync(ChaosWorld world, ScenarioContext context)
    {
        await Arrange.RotateCasAsync(world, context, "rotate", [.. Enumerable.Range(0, 10).Select(i => $"tcp{i}")]);
    }

    public override async Task VerifyAsync(ChaosWorld world, ScenarioContext context)
    {
        var issued = (await world.Control.LedgerAsync()).IssuedSince(context.LedgerBefore);
        var missing = Enumerable.Range(0, 10).Select(i => Arrange.Key(("rotate", $"tcp{i}"))).Where(k => issued.GetValueOrDefault(k) < 1).ToList();
        if (missing.Count > 0)
        {
            context.Fail("rotation", $"no new certificate after the CA rotation for {string.Join(", ", missing)}");
        }
    }
}
