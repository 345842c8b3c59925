using System.Text;
using System.Text.Json;
using KamajiKubeconfig.Controller.Issuing;
using KamajiKubeconfig.Reconcile;
using KamajiKubeconfig.Tests.Builders;
using KamajiKubeconfig.Tests.Tools;

namespace KamajiKubeconfig.Tests.Issuing;

/// <summary>
/// The issued kubeconfig handed to tools that share none of our code: openssl judges the certificate chain and
/// fields, kubectl parses the kubeconfig (docs/behaviour.md A3, scenario C1).
/// </summary>
public class IndependentCheckerTests
{
    private static (string Kubeconfig, string CertificatePem) IssueFiles(TestCa ca, KeyAlgorithm algorithm)
    {
        var request = CertificateIssuerTests.Request(ca, algorithm);
        var result = new CertificateIssuer(FixedKeySource.Shared).Issue(request, TestPki.KeyOf(request.CertificateAuthority));
        var yaml = Encoding.UTF8.GetString(result.Kubeconfig!);
        var config = KubeconfigReader.TryRead(yaml, out _)!;
        return (yaml, Encoding.ASCII.GetString(Convert.FromBase64String(config.Users[0].ClientCertificateData!)));
    }

    [TestCase(KeyAlgorithm.Rsa2048, KeyAlgorithm.Rsa2048, CaKeyFormat.Pkcs1)]
    [TestCase(KeyAlgorithm.Rsa2048, KeyAlgorithm.EcdsaP256, CaKeyFormat.Pkcs8)]
    [TestCase(KeyAlgorithm.EcdsaP256, KeyAlgorithm.EcdsaP256, CaKeyFormat.Sec1)]
    [TestCase(KeyAlgorithm.EcdsaP384, KeyAlgorithm.Rsa2048, CaKeyFormat.Pkcs8)]
    public async Task OpensslVerify_AcceptsTheChain(KeyAlgorithm caAlgorithm, KeyAlgorithm clientAlgorithm, CaKeyFormat format)
    {
        using var dir = new TempDirectory();
        var ca = TestPki.Ca($"openssl-{caAlgorithm}-{format}", caAlgorithm, format);
        var (_, certificate) = IssueFiles(ca, clientAlgorithm);
        var caFile = dir.File("ca.crt", Encoding.ASCII.GetString(ca.CertificatePem));
        var certFile = dir.File("client.crt", certificate);

        // The fixed test clock is in the past of the machine's clock only by months; attime pins the check to it.
        var output = await ExternalTool.CheckAsync("openssl", "verify", "-purpose", "sslclient",
            "-attime", new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-CAfile", caFile, certFile);

        Assert.That(output.Trim(), Is.EqualTo($"{certFile}: OK"));
    }

    [Test]
    public async Task OpensslVerify_RejectsAnotherCa()
    {
        using var dir = new TempDirectory();
        var (_, certificate) = IssueFiles(TestPki.Ca(), KeyAlgorithm.Rsa2048);
        var otherCa = dir.File("other.crt", Encoding.ASCII.GetString(TestPki.Ca("other").CertificatePem));

        var result = await ExternalTool.RunAsync("openssl", ["verify", "-CAfile", otherCa, dir.File("client.crt", certificate)]);

        Assert.That(result.ExitCode, Is.Not.Zero);
    }

    [Test]
    public async Task OpensslX509_ShowsSubjectEkuAndDates()
    {
        using var dir = new TempDirectory();
        var (_, certificate) = IssueFiles(TestPki.Ca(), KeyAlgorithm.Rsa2048);

        var output = await ExternalTool.CheckAsync("openssl", "x509", "-noout", "-subject", "-dates", "-ext", "extendedKeyUsage,basicConstraints",
            "-nameopt", "compat", "-in", dir.File("client.crt", certificate));

        Assert.That(output, Does.Contain("subject=/O=auditors/O=customer-admins/CN=tenant-a"));
        Assert.That(output, Does.Contain("notBefore=Jun  1 11:55:00 2026 GMT"));
        Assert.That(output, Does.Contain("notAfter=Jun  1 12:00:00 2027 GMT"));
        Assert.That(output, Does.Contain("TLS Web Client Authentication"));
        Assert.That(output, Does.Not.Contain("Server Authentication"));
        Assert.That(output, Does.Contain("CA:FALSE"));
    }

    [Test]
    public async Task KubectlConfigView_ParsesTheKubeconfig()
    {
        using var dir = new TempDirectory();
        var ca = TestPki.Ca();
        var (kubeconfig, certificate) = IssueFiles(ca, KeyAlgorithm.Rsa2048);
        var file = dir.File("kubeconfig", kubeconfig);

        var json = await ExternalTool.CheckAsync("kubectl", "config", "view", "--kubeconfig", file, "--raw", "-o", "json");

        using var view = JsonDocument.Parse(json);
        var root = view.RootElement;
        Assert.That(root.GetProperty("current-context").GetString(), Is.EqualTo("gen"));
        Assert.That(root.GetProperty("contexts").EnumerateArray().Select(c => (c.GetProperty("name").GetString(),
            c.GetProperty("context").GetProperty("cluster").GetString(), c.GetProperty("context").GetProperty("user").GetString())),
            Is.EqualTo(new[] { ("gen", "tenant-a", "gen") }));
        var cluster = root.GetProperty("clusters").EnumerateArray().Single();
        Assert.That(cluster.GetProperty("name").GetString(), Is.EqualTo("tenant-a"));
        Assert.That(cluster.GetProperty("cluster").GetProperty("server").GetString(), Is.EqualTo("https://203.0.113.10:6443"));
        Assert.That(cluster.GetProperty("cluster").GetProperty("certificate-authority-data").GetString(), Is.EqualTo(ca.CertificateBase64));
        var user = root.GetProperty("users").EnumerateArray().Single();
        Assert.That(user.GetProperty("name").GetString(), Is.EqualTo("gen"));
        Assert.That(Encoding.ASCII.GetString(Convert.FromBase64String(user.GetProperty("user").GetProperty("client-certificate-data").GetString()!)),
            Is.EqualTo(certificate));
    }

    [Test]
    public async Task KubectlConfigGetContexts_ShowsTheGeneratorContextAsCurrent()
    {
        using var dir = new TempDirectory();
        var (kubeconfig, _) = IssueFiles(TestPki.Ca(), KeyAlgorithm.EcdsaP256);

        var output = await ExternalTool.CheckAsync("kubectl", "config", "get-contexts", "--kubeconfig", dir.File("kubeconfig", kubeconfig), "--no-headers");

        Assert.That(output.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { "*", "gen", "tenant-a", "gen" }));
    }
}
