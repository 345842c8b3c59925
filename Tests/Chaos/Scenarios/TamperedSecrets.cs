using System.Text.Json.Nodes;

namespace KamajiKubeconfig.Chaos.Scenarios;

/// <summary>
/// Generated Secrets edited by hand: deleted, emptied (new certificates needed), stripped of managed-for or of the
/// owner reference, relabelled for another TCP (metadata repairs, no new certificate: still provably ours).
/// </summary>
public sealed class TamperedSecrets : FaultScenario
{
    public override string Name => "generated-secrets-tampered";

    public override string Fault => "Secrets deleted, emptied, stripped of managed-for, stripped of their owner reference, managed-for pointed elsewhere";

    public override TimeSpan Deadline => TimeSpan.FromSeconds(40);

    public override Task ArrangeAsync(ChaosWorld world, ScenarioContext context) => Arrange.TenantsAndGeneratorAsync(world, ["tamper"], 5);

    public override async Task InjectAsync(ChaosWorld world, ScenarioContext context)
    {
        await Arrange.DeleteSecretAsync(world, "tamper", Arrange.SecretName("tcp0"));
        await Arrange.PatchSecretAsync(world, "tamper", Arrange.SecretName("tcp1"), new JsonObject { ["data"] = null });
        await Arrange.PatchSecretAsync(world, "tamper", Arrange.SecretName("tcp2"), Labels("kamaji.clastix.io/managed-for", null));
        await Arrange.PatchSecretAsync(world, "tamper", Arrange.SecretName("tcp3"), new JsonObject { ["metadata"] = new JsonObject { ["ownerReferences"] = null } });
        await Arrange.PatchSecretAsync(world, "tamper", Arrange.SecretName("tcp4"), Labels("kamaji.clastix.io/managed-for", "tcp0"));
        context.Injected += 5;
        foreach (var i in new[] { 2, 3, 4 })
        {
            context.CertificateLimits[Arrange.Key(("tamper", $"tcp{i}"))] = 0;
        }
    }

    private static JsonObject Labels(string key, string? value) =>
        new() { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { [key] = value } } };

    public override async Task VerifyAsync(ChaosWorld world, ScenarioContext context)
    {
        var issued = (await world.Control.LedgerAsync()).IssuedSince(context.LedgerBefore);
        foreach (var i in new[] { 0, 1 })
        {
            if (issued.GetValueOrDefault(Arrange.Key(("tamper", $"tcp{i}"))) != 1)
            {
                context.Fail(Arrange.Key(("tamper", $"tcp{i}")), "expected exactly one new certificate after the Secret was deleted/emptied");
            }
        }
    }
}
