namespace KamajiKubeconfig.Chaos.Scenarios;

/// <summary>
/// SIGKILL while the controller issues 12 RSA-2048 kubeconfigs, then a restart (as the kubelet would): nothing orphaned,
/// and no Secret written before the kill is issued again.
/// </summary>
public sealed class KilledMidIssuance : FaultScenario
{
    public override string Name => "sigkill-mid-rsa-issuance";

    public override string Fault => "SIGKILL while issuing 12 RSA-2048 kubeconfigs, restart 1 s later";

    public override TimeSpan Deadline => TimeSpan.FromSeconds(120);

    public override bool Heavy => true;

    public override async Task ArrangeAsync(ChaosWorld world, ScenarioContext context)
    {
        await world.CreateTenantsAsync(["kill"], 12);
        await world.StartControllerAsync();
    }

    public override async Task InjectAsync(ChaosWorld world, ScenarioContext context)
    {
        var mark = await world.Control.LastRequestAsync();
        await world.CreateGeneratorAsync(Infrastructure.Objects.Generator(Arrange.Generator, ["kill"], "RSA-2048"));
        await Arrange.WaitForPassStartAsync(world, mark);
        var written = await Arrange.CountSecretsAsync(world);
        await world.Controllers[0].KillAsync();
        context.Injected++;
        context.Note($"killed with {written} of 12 Secrets written");
        await Task.Delay(1000);
        world.Controllers[0].Restart();
    }
}
