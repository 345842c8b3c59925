using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using KamajiKubeconfig.Sandbox.Tests.Kubectl;

namespace KamajiKubeconfig.Sandbox.Tests.Kamaji;

/// <summary>The Kamaji simulator: CA and admin kubeconfig Secrets, TCP status, rotation, client-cert auth (kamaji-reference 2.3, 2.4).</summary>
[Parallelizable(ParallelScope.All)]
public sealed class KamajiSimulatorTests
{
    private static async Task<(SandboxServer Server, Kubernetes Client, string Namespace)> StartAsync(bool ecdsa = true)
    {
        KubectlRunner.RequireKubectl();
        var server = await SandboxFixture.StartAsync(new SandboxOptions { KamajiSimulator = true, RbacPaths = [Path.Combine(SandboxFixture.FixturesDirectory, "rbac")] });
        server.Kamaji.UseEcdsa = ecdsa;
        var client = SandboxFixture.Client(server);
        var ns = SandboxFixture.UniqueName("tenants");
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        return (server, client, ns);
    }

    private static Task<object> CreateTcpAsync(Kubernetes client, string ns, string name) =>
        client.CustomObjects.CreateNamespacedCustomObjectAsync(
            JsonNode.Parse("""{"apiVersion":"kamaji.clastix.io/v1alpha1","kind":"TenantControlPlane","metadata":{"name":"NAME"},"spec":{"networkProfile":{"port":6443}}}""".Replace("NAME", name, StringComparison.Ordinal))!,
            "kamaji.clastix.io", "v1alpha1", ns, "tenantcontrolplanes");

    private static async Task<V1Secret> WaitForSecretAsync(Kubernetes client, string ns, string name, Func<V1Secret, bool>? until = null)
    {
        V1Secret? secret = null;
        await SandboxFixture.EventuallyAsync(async () =>
        {
            try
            {
                secret = await client.CoreV1.ReadNamespacedSecretAsync(name, ns);
                return until is null || until(secret);
            }
            catch (HttpOperationException e) when ((int)e.Response.StatusCode == 404)
            {
                return false;
            }
        }, $"secret {name}", 15000);
        return secret!;
    }

    private static string Text(byte[] data) => Encoding.UTF8.GetString(data);

    private static async Task<string> ControlPlaneEndpointAsync(Kubernetes client, string ns, string name)
    {
        string? endpoint = null;
        await SandboxFixture.EventuallyAsync(async () =>
        {
            var tcp = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(await client.CustomObjects.GetNamespacedCustomObjectAsync("kamaji.clastix.io", "v1alpha1", ns, "tenantcontrolplanes", name)))!;
            endpoint = tcp["status"]?["controlPlaneEndpoint"]?.GetValue<string>();
            return endpoint is not null;
        }, "controlPlaneEndpoint");
        return endpoint!;
    }

    // 2.4: <tcp>-ca has ca.crt/ca.key (PKCS#1 RSA-2048 by default)/tls.crt/tls.key and Kamaji's labels; 2.3 admin kubeconfig.
    [Test]
    public async Task TenantControlPlane_GetsCaAndAdminKubeconfigSecrets_AndStatus()
    {
        var (server, client, ns) = await StartAsync(ecdsa: false);
        await using var _ = server;
        using var __ = client;
        await CreateTcpAsync(client, ns, "tcp1");
        var ca = await WaitForSecretAsync(client, ns, "tcp1-ca");
        var kubeconfig = await WaitForSecretAsync(client, ns, "tcp1-admin-kubeconfig");
        using var caCertificate = X509Certificate2.CreateFromPem(Text(ca.Data["ca.crt"]));
        Assert.Multiple(() =>
        {
            Assert.That(ca.Data.Keys, Is.EquivalentTo(new[] { "ca.crt", "ca.key", "tls.crt", "tls.key" }));
            Assert.That(Text(ca.Data["ca.key"]), Does.StartWith("-----BEGIN RSA PRIVATE KEY-----"));
            Assert.That(caCertificate.GetRSAPublicKey()!.KeySize, Is.EqualTo(2048));
            Assert.That(ca.Metadata.Labels["kamaji.clastix.io/component"], Is.EqualTo("ca"));
            Assert.That(ca.Metadata.Labels["kamaji.clastix.io/name"], Is.EqualTo("tcp1"));
            Assert.That(ca.Metadata.Labels.ContainsKey("kamaji.clastix.io/certificate_lifecycle_controller"), Is.False);
            Assert.That(kubeconfig.Data.Keys, Is.EquivalentTo(new[] { "admin.conf", "admin.svc", "super-admin.conf", "super-admin.svc" }));
            Assert.That(kubeconfig.Metadata.Labels["kamaji.clastix.io/component"], Is.EqualTo("admin-kubeconfig"));
            Assert.That(kubeconfig.Metadata.Labels["kamaji.clastix.io/certificate_lifecycle_controller"], Is.EqualTo("kubeconfig"));
            Assert.That(kubeconfig.Metadata.OwnerReferences.Single().Kind, Is.EqualTo("TenantControlPlane"));
            Assert.That(Text(kubeconfig.Data["admin.svc"]), Does.Contain($"server: https://tcp1.{ns}.svc:6443").And.Contain("name: tcp1").And.Contain("current-context: kubernetes-admin@tcp1"));
            Assert.That(Text(kubeconfig.Data["admin.conf"]), Does.Contain("server: https://127.0.0.1:").And.Contain($"certificate-authority-data: {Convert.ToBase64String(ca.Data["ca.crt"])}\n"));
        });
        await SandboxFixture.EventuallyAsync(async () =>
        {
            var tcp = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(await client.CustomObjects.GetNamespacedCustomObjectAsync("kamaji.clastix.io", "v1alpha1", ns, "tenantcontrolplanes", "tcp1")))!;
            return tcp["status"]?["kubeconfig"]?["admin"]?["secretName"]?.GetValue<string>() == "tcp1-admin-kubeconfig"
                && tcp["status"]?["certificates"]?["ca"]?["secretName"]?.GetValue<string>() == "tcp1-ca"
                && tcp["status"]?["controlPlaneEndpoint"] is not null;
        }, "TCP status filled");
    }

    // Demo path: admin.conf works with kubectl against the sandbox (client certificate signed by the TCP CA).
    [Test]
    public async Task AdminConf_WorksWithKubectl()
    {
        var (server, client, ns) = await StartAsync();
        await using var _ = server;
        using var __ = client;
        await CreateTcpAsync(client, ns, "demo");
        var kubeconfig = await WaitForSecretAsync(client, ns, "demo-admin-kubeconfig");
        using var kubectl = new KubectlRunner(server, kubeconfigYaml: Text(kubeconfig.Data["super-admin.conf"]));
        var namespaces = await kubectl.OkAsync("get", "namespaces", "-o", "name");
        Assert.That(namespaces, Does.Contain($"namespace/{ns}"));
    }

    // A kubeconfig with a client certificate issued by the TCP CA authenticates as CN/O and is authorized by RBAC.
    [Test]
    public async Task ClientCertificateFromTcpCa_AuthenticatesAsCommonNameAndGroups()
    {
        var (server, client, ns) = await StartAsync();
        await using var _ = server;
        using var __ = client;
        await CreateTcpAsync(client, ns, "t");
        var ca = await WaitForSecretAsync(client, ns, "t-ca");
        using var caCertificate = X509Certificate2.CreateFromPem(Text(ca.Data["ca.crt"]), Text(ca.Data["ca.key"]));
        using var authority = Tls.CertificateAuthority.FromCertificate(X509CertificateLoader.LoadPkcs12(caCertificate.Export(X509ContentType.Pkcs12), null));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = authority.IssueClientCertificate("alice", ["developers"], key, TimeSpan.FromHours(1));
        // Like a generated kubeconfig: the TCP's endpoint and exactly the TCP CA (kamaji-reference 2.3).
        var endpoint = await ControlPlaneEndpointAsync(client, ns, "t");
        var yaml = KubeconfigWriter.ForClientCertificate(new Uri($"https://{endpoint}"), Text(ca.Data["ca.crt"]), certificate.ExportCertificatePem(), key.ExportECPrivateKeyPem());
        using var kubectl = new KubectlRunner(server, kubeconfigYaml: yaml);
        var yes = await kubectl.RunAsync("auth", "can-i", "list", "secrets", "-n", "team-a");
        var no = await kubectl.RunAsync("auth", "can-i", "list", "secrets", "-n", ns);
        Assert.Multiple(() =>
        {
            Assert.That(yes.Stdout.Trim(), Is.EqualTo("yes"), yes.Stderr);
            Assert.That(no.Stdout.Trim(), Is.EqualTo("no"), no.Stderr);
        });
    }

    // Rotation on request (annotation): a new CA, rewritten admin kubeconfigs; certificates of the old CA stop working.
    [Test]
    public async Task RotateAnnotation_ReplacesCa_AndOldCertificatesStopWorking()
    {
        var (server, client, ns) = await StartAsync();
        await using var _ = server;
        using var __ = client;
        await CreateTcpAsync(client, ns, "r");
        var before = await WaitForSecretAsync(client, ns, "r-admin-kubeconfig");
        var oldCa = Text((await WaitForSecretAsync(client, ns, "r-ca")).Data["ca.crt"]);
        await client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch("""{"metadata":{"annotations":{"KEY":"now"}}}""".Replace("KEY", Sandbox.Kamaji.KamajiSimulator.RotateAnnotation, StringComparison.Ordinal), V1Patch.PatchType.MergePatch),
            "kamaji.clastix.io", "v1alpha1", ns, "tenantcontrolplanes", "r");
        await SandboxFixture.EventuallyAsync(async () => Text((await client.CoreV1.ReadNamespacedSecretAsync("r-ca", ns)).Data["ca.crt"]) != oldCa || server.Kamaji.LastError is not null, "CA rotated", 30000);
        Assert.That(server.Kamaji.LastError, Is.Null);
        var ca = await client.CoreV1.ReadNamespacedSecretAsync("r-ca", ns);
        var after = await WaitForSecretAsync(client, ns, "r-admin-kubeconfig", s => Text(s.Data["admin.conf"]).Contains(Convert.ToBase64String(ca.Data["ca.crt"]), StringComparison.Ordinal));
        Assert.That(Text(after.Data["admin.conf"]), Is.Not.EqualTo(Text(before.Data["admin.conf"])));
        using var oldKubectl = new KubectlRunner(server, kubeconfigYaml: Text(before.Data["super-admin.conf"]));
        var refused = await oldKubectl.RunAsync("get", "namespaces");
        // The old kubeconfig no longer trusts the tenant endpoint (re-certified by the new CA), as after a real rotation.
        Assert.That(refused.ExitCode, Is.Not.Zero);
        Assert.That(refused.Stderr, Does.Contain("certificate signed by unknown authority").Or.Contain("Unauthorized"));
        using var newKubectl = new KubectlRunner(server, kubeconfigYaml: Text(after.Data["super-admin.conf"]));
        await newKubectl.OkAsync("get", "namespaces");
        // And the old client certificate is no longer accepted, even over a trusted connection.
        string Field(string yaml, string key) => yaml.Split('\n').Single(l => l.Trim().StartsWith(key + ":", StringComparison.Ordinal)).Split(':', 2)[1].Trim();
        var oldYaml = Text(before.Data["super-admin.conf"]);
        var mixed = Text(after.Data["super-admin.conf"])
            .Replace(Field(Text(after.Data["super-admin.conf"]), "client-certificate-data"), Field(oldYaml, "client-certificate-data"), StringComparison.Ordinal)
            .Replace(Field(Text(after.Data["super-admin.conf"]), "client-key-data"), Field(oldYaml, "client-key-data"), StringComparison.Ordinal);
        using var oldCertificate = new KubectlRunner(server, kubeconfigYaml: mixed);
        var unauthorized = await oldCertificate.RunAsync("get", "namespaces");
        Assert.That(unauthorized.Stderr, Does.Contain("Unauthorized").Or.Contain("provide credentials"));
    }

    // Switched off, the simulator leaves TenantControlPlanes alone; switched on, it catches up.
    [Test]
    public async Task Off_LeavesTcpsAlone_OnCatchesUp()
    {
        var (server, client, ns) = await StartAsync();
        await using var _ = server;
        using var __ = client;
        server.Kamaji.Enabled = false;
        await CreateTcpAsync(client, ns, "quiet");
        var list = await client.CoreV1.ListNamespacedSecretAsync(ns);
        Assert.That(list.Items, Is.Empty);
        server.Kamaji.Enabled = true;
        await WaitForSecretAsync(client, ns, "quiet-ca");
    }
}
