using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace KamajiKubeconfig.Tests.EndToEnd;

/// <summary>docs/behaviour.md scenarios C3 (TCP not ready yet), C4 (fromDefinition errors and extensions), C11 (collision).</summary>
public class ScenarioErrorTests : EndToEndTestBase
{
    private static bool HasError(System.Text.Json.JsonElement status, string message) =>
        status.TryGetProperty("errors", out var errors) && errors.EnumerateArray().Any(e => e.GetProperty("message").GetString() == message);

    [Test]
    public async Task TcpWithoutKamajiSecretsYet_IsAnErrorUntilTheyAppear()
    {
        RequireSandbox();
        var ns = Unique("notready");
        await CreateNamespaceAsync(ns);
        Sandbox!.Kamaji.Enabled = false;
        try
        {
            await CreateTenantAsync(ns, "t");
            var generator = Unique("wait");
            await CreateGeneratorForAsync(generator, ns);
            await StatusAsync(generator, s => HasError(s, "the admin kubeconfig is not yet generated"), "the not-yet-generated error");
        }
        finally
        {
            Sandbox!.Kamaji.Enabled = true;
        }
        await PatchTenantAsync(ns, "t", new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { ["poke"] = "1" } } });

        await Eventually.HoldsAsync(async () => (await Admin.CoreV1.ListNamespacedSecretAsync(ns, labelSelector: "kamaji.clastix.io/managed-for=t")).Items.Count == 1,
            "the kubeconfig once Kamaji's Secrets exist");
    }

    [Test]
    public async Task UserPathNotFound_IsReportedPerTcpAndFixedWhenTheLabelAppears()
    {
        var ns = Unique("path");
        await CreateNamespaceAsync(ns);
        await CreateTenantAsync(ns, "t");
        var generator = Unique("path");
        await CreateGeneratorForAsync(generator, ns, "fromDefinition: metadata.labels['tenant.clastix.io/owner']");

        var status = await StatusAsync(generator, s => HasError(s, "provided dot notation \"metadata.labels['tenant.clastix.io/owner']\" is not found"),
            "the not-found error");
        Assert.That((status.GetProperty("resources").GetInt32(), status.GetProperty("availableResources").GetInt32()), Is.EqualTo((1, 0)));

        await PatchTenantAsync(ns, "t", new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["tenant.clastix.io/owner"] = "carol" } } });

        var secret = await SecretAsync(ns, $"t-{generator}");
        using var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(ClientCertificatePem(secret));
        Assert.That(certificate.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false), Is.EqualTo("carol"));
        await StatusAsync(generator, s => !s.TryGetProperty("errors", out _) && s.GetProperty("availableResources").GetInt32() == 1, "errors cleared");
    }

    [Test]
    public async Task UserPathToAMap_IsANestedStringError()
    {
        var ns = Unique("map");
        await CreateNamespaceAsync(ns);
        await CreateTenantAsync(ns, "t");
        var generator = Unique("map");
        await CreateGeneratorForAsync(generator, ns, "fromDefinition: spec.networkProfile");

        await StatusAsync(generator, s => HasError(s,
            "cannot run NestedString \"spec.networkProfile\" due to an error: .spec.networkProfile accessor error: a map with 1 key is of the type map[string]interface {}, expected string"),
            "the NestedString error");
    }

    [Test]
    public async Task ForeignSecretWithTheTargetName_IsACollisionAndIsLeftUntouched()
    {
        var ns = Unique("collide");
        await CreateNamespaceAsync(ns);
        await CreateTenantAsync(ns, "t");
        var generator = Unique("collide");
        var foreign = await Admin.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = $"t-{generator}", Labels = new Dictionary<string, string> { ["app"] = "mine" } },
            StringData = new Dictionary<string, string> { ["value"] = "precious" },
        }, ns);

        await CreateGeneratorForAsync(generator, ns);

        await StatusAsync(generator, s => HasError(s,
            $"the \"{ns}/t-{generator}\" Secret already exists and is not managed by this generator for this TenantControlPlane: refusing to overwrite it"),
            "the collision error");
        var after = await GetSecretAsync(ns, $"t-{generator}");
        Assert.That(after!.Metadata.ResourceVersion, Is.EqualTo(foreign.Metadata.ResourceVersion));
        Assert.That(System.Text.Encoding.UTF8.GetString(after.Data["value"]), Is.EqualTo("precious"));
    }
}
