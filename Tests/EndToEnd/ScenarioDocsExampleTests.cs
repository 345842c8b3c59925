using System.Security.Cryptography.X509Certificates;
using k8s;
using k8s.Models;
using KamajiKubeconfig.Reconcile;
using KamajiKubeconfig.Tests.Tools;

namespace KamajiKubeconfig.Tests.EndToEnd;

/// <summary>docs/behaviour.md scenario C1: the example from Kamaji's docs, end to end against the sandbox over HTTPS.</summary>
public class ScenarioDocsExampleTests : EndToEndTestBase
{
    [Test]
    public async Task DocsExample_WritesOneVerifiedKubeconfigPerTcpAndExactStatus()
    {
        var prod = Unique("prod");
        var dev = Unique("dev");
        await CreateNamespaceAsync(prod, ("environment", "production"));
        await CreateNamespaceAsync(dev, ("environment", "development"));
        await CreateTenantAsync(prod, "alpha");
        await CreateTenantAsync(prod, "beta");
        await CreateTenantAsync(dev, "gamma");
        var generator = Unique("docs");
        await CreateGeneratorAsync($"""
            apiVersion: kamaji.clastix.io/v1alpha1
            kind: KubeconfigGenerator
            metadata:
              name: {generator}
            spec:
              namespaceSelector:
                matchLabels:
                  environment: production
              tenantControlPlaneSelector: {"{}"}
              user:
                fromDefinition: metadata.name
              groups:
                - stringValue: customer-admins
              controlPlaneEndpointFrom: admin.conf
            """);

        var secret = await SecretAsync(prod, $"alpha-{generator}");
        await SecretAsync(prod, $"beta-{generator}");
        // Status is written after the Secrets of its pass, and a pass that ran before beta's Kamaji Secrets existed
        // reported 2 resources, 1 available: wait for the converged status, then check all of it.
        var status = await StatusAsync(generator, s => s.GetProperty("resources").GetInt32() == 2 && s.GetProperty("availableResources").GetInt32() == 2,
            "status.resources = availableResources = 2");

        Assert.That(secret.Type, Is.EqualTo("Opaque"));
        Assert.That(secret.Metadata.Labels, Is.EquivalentTo(new Dictionary<string, string>
        {
            [WellKnown.ManagedByLabel] = generator,
            [WellKnown.ManagedForLabel] = "alpha",
            [WellKnown.LifecycleLabel] = "kubeconfig",
        }));
        var owner = secret.Metadata.OwnerReferences.Single();
        Assert.That((owner.Kind, owner.Name, owner.Controller, owner.BlockOwnerDeletion), Is.EqualTo(("TenantControlPlane", "alpha", (bool?)true, (bool?)true)));
        Assert.That(await GetSecretAsync(dev, $"gamma-{generator}"), Is.Null);

        var config = KubeconfigReader.TryRead(Kubeconfig(secret), out _)!;
        var admin = await SecretAsync(prod, "alpha-admin-kubeconfig");
        var template = KubeconfigReader.TryRead(System.Text.Encoding.UTF8.GetString(admin.Data["admin.conf"]), out _)!.Clusters.Single();
        Assert.That(config.Clusters.Single(), Is.EqualTo(template), "the template's cluster, unchanged");
        using var certificate = X509Certificate2.CreateFromPem(ClientCertificatePem(secret));
        Assert.That(certificate.SubjectName.Name, Is.EqualTo("CN=alpha, O=customer-admins"));

        var ca = await SecretAsync(prod, "alpha-ca");
        var verify = await ExternalTool.CheckAsync("openssl", "verify", "-CAfile", Files.File($"{generator}-ca.crt", System.Text.Encoding.ASCII.GetString(ca.Data["ca.crt"])),
            Files.File($"{generator}-client.crt", ClientCertificatePem(secret)));
        Assert.That(verify, Does.EndWith(": OK\n"));

        Assert.That(status.GetProperty("availableResources").GetInt32(), Is.EqualTo(2));
        Assert.That(status.TryGetProperty("errors", out _), Is.False);
        var ready = status.GetProperty("conditions").EnumerateArray().Single();
        Assert.That((ready.GetProperty("type").GetString(), ready.GetProperty("status").GetString(), ready.GetProperty("reason").GetString()),
            Is.EqualTo(("Ready", "True", "Available")));
        Assert.That(status.GetProperty("observedGeneration").GetInt64(), Is.EqualTo(1));

        var columns = await ExternalTool.CheckAsync("kubectl", "--kubeconfig", AdminKubeconfig, "--cache-dir", Files.File($"{generator}-cache"),
            "get", "kc", generator, "--no-headers");
        Assert.That(columns.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..4], Is.EqualTo(new[] { generator, "2", "2", "True" }));
    }

    [Test]
    public async Task GeneratedKubeconfig_IsAcceptedByKubectlAgainstTheTenantEndpoint()
    {
        var ns = Unique("kubectl");
        await CreateNamespaceAsync(ns);
        await CreateTenantAsync(ns, "tenant");
        var generator = Unique("kubectl");
        await CreateGeneratorAsync($"""
            apiVersion: kamaji.clastix.io/v1alpha1
            kind: KubeconfigGenerator
            metadata: {"{"}name: {generator}{"}"}
            spec:
              namespaceSelector: {"{"}matchLabels: {"{"}kubernetes.io/metadata.name: {ns}{"}}"}
              user: {"{"}stringValue: alice{"}"}
              groups: [{"{"}stringValue: ops{"}"}]
              controlPlaneEndpointFrom: admin.conf
            """);
        var secret = await SecretAsync(ns, $"tenant-{generator}");
        var file = Files.File($"{generator}.kubeconfig", Kubeconfig(secret));

        var cache = Files.File($"{generator}-cache");
        var before = await ExternalTool.RunAsync("kubectl", ["--kubeconfig", file, "--cache-dir", cache, "get", "namespace", ns, "-o", "name"]);
        // Grant the certificate's O value (group "ops") a read; the API server must see the identity we issued.
        await Admin.RbacAuthorizationV1.CreateClusterRoleAsync(new V1ClusterRole
        {
            Metadata = new V1ObjectMeta { Name = generator },
            Rules = [new V1PolicyRule { ApiGroups = [""], Resources = ["namespaces"], Verbs = ["get"] }],
        });
        await Admin.RbacAuthorizationV1.CreateClusterRoleBindingAsync(new V1ClusterRoleBinding
        {
            Metadata = new V1ObjectMeta { Name = generator },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = generator },
            Subjects = [new Rbacv1Subject { Kind = "Group", Name = "ops", ApiGroup = "rbac.authorization.k8s.io" }],
        });
        var after = await Eventually.GetAsync(async () =>
        {
            var run = await ExternalTool.RunAsync("kubectl", ["--kubeconfig", file, "--cache-dir", cache, "get", "namespace", ns, "-o", "name"]);
            return run.ExitCode == 0 ? run : null;
        }, "kubectl with the generated kubeconfig to be allowed");

        // Only where RBAC is enforced (always in the sandbox; a test cluster without RBAC would allow it anyway).
        if (Sandbox is not null || before.ExitCode != 0)
        {
            Assert.That(before.Stderr, Does.Contain("User \"alice\" cannot get resource \"namespaces\""));
        }
        Assert.That(after.Stdout.Trim(), Is.EqualTo($"namespace/{ns}"));
    }
}
