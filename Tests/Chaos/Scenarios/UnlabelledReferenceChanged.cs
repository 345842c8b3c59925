using KamajiKubeconfig.Chaos.Fixtures;
using KamajiKubeconfig.Chaos.Infrastructure;

namespace KamajiKubeconfig.Chaos.Scenarios;

/// <summary>
/// A TCP whose status names CA and admin kubeconfig Secrets without Kamaji's labels (outside the controller's caches,
/// read directly). Both are replaced by a new CA: the change must be picked up within a bounded time (issue 10, defect
/// 6), not at the 10 h resync.
/// </summary>
public sealed class UnlabelledReferenceChanged : FaultScenario
{
    public override string Name => "unlabelled-referenced-secrets-changed";

    public override string Fault => "the CA and admin Secrets a TCP names (unlabelled, read directly) replaced by a new CA";

    public override TimeSpan Deadline => TimeSpan.FromSeconds(75);

    public override async Task ArrangeAsync(ChaosWorld world, ScenarioContext context)
    {
        await world.CreateNamespaceAsync("unlabelled");
        await ManualTenant.CreateHealthyAsync(world.Admin, "unlabelled", "ref", labelled: false);
        await world.CreateGeneratorAsync(Objects.Generator(Arrange.Generator, ["unlabelled"]));
        await world.StartControllerAsync();
    }

    public override async Task InjectAsync(ChaosWorld world, ScenarioContext context)
    {
        var ca = TenantPki.Create(CaKind.RsaPkcs1);
        await world.Admin.MergePatchAsync(Objects.Secret("unlabelled", "ref-ca"), new System.Text.Json.Nodes.JsonObject { ["data"] = ManualTenant.CaData(ca) });
        await world.Admin.MergePatchAsync(Objects.Secret("unlabelled", "ref-admin-kubeconfig"), new System.Text.Json.Nodes.JsonObject
        {
            ["data"] = new System.Text.Json.Nodes.JsonObject
            {
                ["admin.conf"] = TenantPki.B64(TenantPki.AdminKubeconfig(ca, "https://ref.unlabelled.example:6443")),
                ["admin.svc"] = TenantPki.B64(TenantPki.AdminKubeconfig(ca, "https://ref.unlabelled.svc:6443")),
            },
        });
        context.Injected++;
        // Two separate writes (CA, then template), as Kamaji makes them: a second issuance in between is not waste.
        context.CertificateLimits["unlabelled/ref-" + Arrange.Generator] = 2;
    }
}
