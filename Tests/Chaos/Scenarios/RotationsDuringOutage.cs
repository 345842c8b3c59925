using System.Text.Json.Nodes;
using KamajiKubeconfig.Chaos.Infrastructure;

namespace KamajiKubeconfig.Chaos.Scenarios;

/// <summary>
/// 50 rotation requests (<c>certs.kamaji.clastix.io/rotate=""</c>, one per Secret) while the controller's Secret list
/// and watch fail with 503 for 15 s and the generator is edited twice: one request, one new certificate (issue 15).
/// </summary>
public sealed class RotationsDuringOutage : FaultScenario
{
    private const int Tenants = 50;

    public override string Name => "rotations-while-secret-watch-fails";

    public override string Fault => $"{Tenants} rotate requests while Secret list/watch answer 503 for 15 s and the generator is edited twice";

    public override TimeSpan Deadline => TimeSpan.FromSeconds(75);

    public override Task ArrangeAsync(ChaosWorld world, ScenarioContext context) => Arrange.TenantsAndGeneratorAsync(world, ["rot"], Tenants);

    public override async Task InjectAsync(ChaosWorld world, ScenarioContext context)
    {
        await world.Control.RuleAsync(503, verb: "watch", resource: "secrets", user: ChaosWorld.ControllerUser, seconds: 15);
        await world.Control.RuleAsync(503, verb: "list", resource: "secrets", user: ChaosWorld.ControllerUser, seconds: 15);
        await world.Control.CloseWatchesAsync();
        context.Injected++;
        for (var i = 0; i < Tenants; i++)
        {
            await Arrange.PatchSecretAsync(world, "rot", Arrange.SecretName($"tcp{i}"), new JsonObject
            {
                ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { ["certs.kamaji.clastix.io/rotate"] = "" } },
            });
            if (i is 10 or 30)
            {
                await world.Admin.MergePatchAsync(Objects.Generator(Arrange.Generator), new JsonObject
                {
                    ["spec"] = new JsonObject { ["secretTemplate"] = new JsonObject { ["labels"] = new JsonObject { ["edit"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) } } },
                });
            }
        }
        await Task.Delay(TimeSpan.FromSeconds(15));
    }

    /// <summary>Which field managers own the rotate annotation (server-side apply bookkeeping), for the report.</summary>
    private static string RotateOwners(JsonObject secret) =>
        string.Join(", ", (secret["metadata"]?["managedFields"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(m => m["fieldsV1"]?["f:metadata"]?["f:annotations"]?["f:certs.kamaji.clastix.io/rotate"] is not null)
            .Select(m => $"{m["manager"]} ({m["operation"]})"));

    public override async Task VerifyAsync(ChaosWorld world, ScenarioContext context)
    {
        var issued = (await world.Control.LedgerAsync()).IssuedSince(context.LedgerBefore);
        var total = Enumerable.Range(0, Tenants).Sum(i => issued.GetValueOrDefault(Arrange.Key(("rot", $"tcp{i}"))));
        context.Note($"{total} new certificates for {Tenants} rotation requests");
        var unrotated = Enumerable.Range(0, Tenants).Count(i => issued.GetValueOrDefault(Arrange.Key(("rot", $"tcp{i}"))) == 0);
        if (unrotated > 0)
        {
            context.Fail("rotation", $"{unrotated} rotation requests got no new certificate");
        }
        var writes = await world.Control.RequestsAsync(context.Mark, writesOnly: true, user: null);
        var ledger = await world.Control.LedgerAsync();
        var explained = false;
        foreach (var secret in await world.Admin.ListAsync("/api/v1/namespaces/rot/secrets?labelSelector=kamaji.clastix.io%2Fmanaged-by"))
        {
            var value = secret["metadata"]?["annotations"]?["certs.kamaji.clastix.io/rotate"]?.ToString();
            if (!DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _))
            {
                context.Fail(Checks.Expectations.Key(secret), $"rotate annotation is {(value is null ? "absent" : $"\"{value}\"")}, not the RFC3339 time of the rotation (field managers: {RotateOwners(secret)})");
                if (!explained)
                {
                    // The writes to that Secret, in order: who set the pending request back.
                    explained = true;
                    var name = secret["metadata"]!["name"]!.ToString();
                    context.Note($"writes to rot/{name} after the fault: " + string.Join(", ", writes.Requests.Where(w => w.Resource == "secrets" && w.Name == name)
                        .Select(w => $"{(w.User == ChaosWorld.ControllerUser ? "controller" : "harness")} {w.Verb}{(w.Injected is { } code ? $" ({code})" : "")}"))
                        + "; its rotate annotation over the whole run: " + string.Join(" → ", ledger.RotateAnnotations.GetValueOrDefault($"rot/{name}", [])));
                }
            }
        }
    }
}
