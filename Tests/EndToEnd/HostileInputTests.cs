using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Tests.EndToEnd;

/// <summary>
/// Issues 14 and 15 against the real controller and the sandbox: what anyone who can edit a TCP's status or a Secret
/// in a tenant namespace could try, each ending in that tenant's status error (or a repair) while the other tenants
/// of the same generator are served.
/// </summary>
public class HostileInputTests : EndToEndTestBase
{
    private static bool HasError(JsonElement status, string resource, string contains) =>
        status.TryGetProperty("errors", out var errors)
        && errors.EnumerateArray().Any(e => e.GetProperty("resource").GetString() == resource && e.GetProperty("message").GetString()!.Contains(contains, StringComparison.Ordinal));

    private async Task<string> TwoTenantsAsync(string prefix)
    {
        var ns = Unique(prefix);
        await CreateNamespaceAsync(ns);
        await CreateTenantAsync(ns, "bad");
        await CreateTenantAsync(ns, "good");
        await SecretAsync(ns, "bad-ca");
        await SecretAsync(ns, "bad-admin-kubeconfig");
        return ns;
    }

    private Task<object> PatchTenantStatusAsync(string ns, string name, JsonObject status) =>
        Admin.CustomObjects.PatchNamespacedCustomObjectStatusAsync(MergePatch(new JsonObject { ["status"] = status }),
            WellKnown.Group, WellKnown.Version, ns, WellKnown.TenantControlPlanePlural, name);

    [TestCase("ca", TestName = "{m}(CA reference)")]
    [TestCase("admin", TestName = "{m}(admin kubeconfig reference)")]
    public async Task SecretReferenceTraversal_IsThatTenantsErrorAndNoOtherNamespaceIsRead(string reference)
    {
        RequireSandbox();
        var victim = Unique("victim");
        await CreateNamespaceAsync(victim);
        await CreateTenantAsync(victim, "v");
        await SecretAsync(victim, "v-ca");
        var ns = await TwoTenantsAsync("traversal");
        var traversal = reference == "ca" ? $"../../{victim}/secrets/v-ca" : $"../../{victim}/secrets/v-admin-kubeconfig";
        // The simulator would write Kamaji's own status back on the next TCP event: keep it out of the way.
        Sandbox!.Kamaji.Enabled = false;
        try
        {
            await PatchTenantStatusAsync(ns, "bad", reference == "ca"
                ? new JsonObject { ["certificates"] = new JsonObject { ["ca"] = new JsonObject { ["secretName"] = traversal } } }
                : new JsonObject { ["kubeconfig"] = new JsonObject { ["admin"] = new JsonObject { ["secretName"] = traversal } } });
            var generator = Unique("trav");
            await CreateGeneratorForAsync(generator, ns);

            await StatusAsync(generator, s => HasError(s, $"{ns}/bad", "is not a valid Secret name"), "the invalid-name error");
            await SecretAsync(ns, $"good-{generator}");
            // Watches of different kinds are not ordered: the controller may have seen the generator before the
            // patched status and issued once from bad's earlier, legitimate references. What must never happen is a
            // kubeconfig made from the victim's Secrets.
            if (await GetSecretAsync(ns, $"bad-{generator}") is { } issued)
            {
                using var certificate = X509Certificate2.CreateFromPem(ClientCertificatePem(issued));
                using var ownCa = X509Certificate2.CreateFromPem(Encoding.ASCII.GetString((await SecretAsync(ns, "bad-ca")).Data["ca.crt"]));
                using var victimCa = X509Certificate2.CreateFromPem(Encoding.ASCII.GetString((await SecretAsync(victim, "v-ca")).Data["ca.crt"]));
                Assert.That((CertificateSignature.IsSignedBy(certificate, ownCa), CertificateSignature.IsSignedBy(certificate, victimCa)), Is.EqualTo((true, false)),
                    "signed by bad's own CA, never the victim's");
                var server = KubeconfigReader.TryRead(Kubeconfig(issued), out _)!.Clusters.Single().Server;
                var ownTemplate = KubeconfigReader.TryRead(Encoding.UTF8.GetString((await SecretAsync(ns, "bad-admin-kubeconfig")).Data["admin.conf"]), out _)!;
                Assert.That(server, Is.EqualTo(ownTemplate.Clusters.Single().Server), "bad's own endpoint, never the victim's");
            }
        }
        finally
        {
            Sandbox!.Kamaji.Enabled = true;
        }
    }

    [Test]
    public async Task AdminKubeconfigYamlBomb_IsThatTenantsErrorAndTheControllerLives()
    {
        RequireSandbox();
        var ns = await TwoTenantsAsync("bomb");
        var bomb = Convert.ToBase64String(Encoding.UTF8.GetBytes(new string('[', 100_000) + new string(']', 100_000)));
        // The simulator rewrites an admin kubeconfig that lacks the CA on its next event for the TCP (as Kamaji would),
        // which under load can come after the patch and erase the bomb: keep it out of the way.
        Sandbox!.Kamaji.Enabled = false;
        try
        {
            await Admin.CoreV1.PatchNamespacedSecretAsync(MergePatch(new JsonObject { ["data"] = new JsonObject { ["admin.conf"] = bomb } }), "bad-admin-kubeconfig", ns);
            var generator = Unique("bomb");
            await CreateGeneratorForAsync(generator, ns);

            await StatusAsync(generator, s => HasError(s, $"{ns}/bad", "the kubeconfig is refused: it nests deeper than"), "the refused-template error");
            await SecretAsync(ns, $"good-{generator}");
        }
        finally
        {
            Sandbox!.Kamaji.Enabled = true;
        }
    }

    [Test]
    public async Task GeneratedSecretYamlBomb_IsRepairedByReissuing()
    {
        var ns = await TwoTenantsAsync("valbomb");
        var generator = Unique("valbomb");
        await CreateGeneratorForAsync(generator, ns);
        var before = await SecretAsync(ns, $"good-{generator}");
        var bomb = Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("- ", 100_000)) + "x\n"));

        await Admin.CoreV1.PatchNamespacedSecretAsync(MergePatch(new JsonObject { ["data"] = new JsonObject { ["value"] = bomb } }), $"good-{generator}", ns);

        await SecretAsync(ns, $"good-{generator}", s => Kubeconfig(s).StartsWith("apiVersion: v1", StringComparison.Ordinal)
            && s.Metadata.ResourceVersion != before.Metadata.ResourceVersion, "a reissued kubeconfig");
    }

    [Test]
    public async Task ExecPluginInjected_IsReplacedByAKubeconfigWithoutIt()
    {
        var ns = await TwoTenantsAsync("exec");
        var generator = Unique("exec");
        await CreateGeneratorForAsync(generator, ns);
        var original = await SecretAsync(ns, $"good-{generator}");
        var injected = Kubeconfig(original) + "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: sh\n      args: [-c, id]\n    token: stolen\n";

        await Admin.CoreV1.PatchNamespacedSecretAsync(
            MergePatch(new JsonObject { ["data"] = new JsonObject { ["value"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(injected)) } }), $"good-{generator}", ns);

        var repaired = await SecretAsync(ns, $"good-{generator}", s => !Kubeconfig(s).Contains("exec:", StringComparison.Ordinal), "the exec plugin removed");
        Assert.That(Kubeconfig(repaired), Does.Not.Contain("token:"));
    }

    [Test]
    public async Task DeepTenantControlPlane_DoesNotStallTheInformer()
    {
        var ns = Unique("deep");
        await CreateNamespaceAsync(ns);
        var generator = Unique("deep");
        await CreateGeneratorForAsync(generator, ns);
        JsonNode nested = "bottom";
        for (var i = 0; i < 59; i++)
        {
            nested = new JsonObject { ["a"] = nested };
        }
        var body = new JsonObject
        {
            ["apiVersion"] = WellKnown.ApiVersion,
            ["kind"] = WellKnown.TenantControlPlaneKind,
            ["metadata"] = new JsonObject { ["name"] = "deep", ["namespace"] = ns },
            ["spec"] = new JsonObject { ["deep"] = nested, ["networkProfile"] = new JsonObject { ["port"] = 6443 } },
        };
        await Admin.CustomObjects.CreateNamespacedCustomObjectAsync(body, WellKnown.Group, WellKnown.Version, ns, WellKnown.TenantControlPlanePlural);
        await CreateTenantAsync(ns, "next");

        await SecretAsync(ns, $"next-{generator}");
        await SecretAsync(ns, $"deep-{generator}");
    }

    [Test]
    public async Task CaThatIsNotACa_IsReportedUnusable()
    {
        RequireSandbox();
        var ns = await TwoTenantsAsync("notca");
        using var key = System.Security.Cryptography.ECDsa.Create();
        var request = new CertificateRequest("CN=leaf", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        using var leaf = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        await Admin.CoreV1.PatchNamespacedSecretAsync(MergePatch(new JsonObject
        {
            ["data"] = new JsonObject
            {
                ["ca.crt"] = Convert.ToBase64String(Encoding.ASCII.GetBytes(leaf.ExportCertificatePem())),
                ["ca.key"] = Convert.ToBase64String(Encoding.ASCII.GetBytes(key.ExportECPrivateKeyPem())),
            },
        }), "bad-ca", ns);
        var generator = Unique("notca");
        await CreateGeneratorForAsync(generator, ns);

        await StatusAsync(generator, s => HasError(s, $"{ns}/bad", "is not a CA"), "the not-a-CA error");
        await SecretAsync(ns, $"good-{generator}");
    }

    [Test]
    public async Task StatusErrorsWrittenBySomeoneElse_AreRemoved()
    {
        var ns = Unique("stale");
        await CreateNamespaceAsync(ns);
        await CreateTenantAsync(ns, "t");
        var generator = Unique("stale");
        await CreateGeneratorForAsync(generator, ns);
        await StatusAsync(generator, s => s.GetProperty("availableResources").GetInt32() == 1, "one kubeconfig available");

        // A plain status update as another manager (Kamaji's controller writes status this way).
        await Admin.CustomObjects.PatchClusterCustomObjectStatusAsync(MergePatch(new JsonObject
        {
            ["status"] = new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["resource"] = $"{ns}/t", ["message"] = "left behind by Kamaji" }) },
        }), WellKnown.Group, WellKnown.Version, WellKnown.GeneratorPlural, generator, fieldManager: "kamaji");

        await StatusAsync(generator, s => !s.TryGetProperty("errors", out _) && s.GetProperty("availableResources").GetInt32() == 1, "the foreign errors removed");
    }

    [Test]
    public async Task ForeignControlledSecretWithOurLabel_IsNotPruned()
    {
        var ns = Unique("foreign");
        await CreateNamespaceAsync(ns);
        await CreateTenantAsync(ns, "t");
        var generator = Unique("foreign");
        var owner = await Admin.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "owner" } }, ns);
        await Admin.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta
            {
                Name = $"gone-{generator}",
                Labels = new Dictionary<string, string> { [WellKnown.ManagedByLabel] = generator, [WellKnown.ManagedForLabel] = "gone" },
                OwnerReferences = [new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = "owner", Uid = owner.Metadata.Uid, Controller = true }],
            },
            StringData = new Dictionary<string, string> { ["value"] = "not ours" },
        }, ns);
        await CreateGeneratorForAsync(generator, ns);

        await StatusAsync(generator, s => HasError(s, $"{ns}/gone-{generator}", "refusing to delete it"), "the refused prune");
        Assert.That(await GetSecretAsync(ns, $"gone-{generator}"), Is.Not.Null);
    }
}
