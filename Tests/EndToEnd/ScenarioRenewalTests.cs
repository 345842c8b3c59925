using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Tests.EndToEnd;

/// <summary>docs/behaviour.md scenarios C5 (identity change, rotation), C6 (expiry), C7 (CA rotation), C8 (tampering).</summary>
public class ScenarioRenewalTests : EndToEndTestBase
{
    private async Task<(string Ns, string Generator, V1Secret Secret)> IssuedAsync(string prefix, string specExtra = "")
    {
        var ns = Unique(prefix);
        await CreateNamespaceAsync(ns);
        await CreateTenantAsync(ns, "t");
        var generator = Unique(prefix);
        await CreateGeneratorForAsync(generator, ns, specExtra: specExtra);
        return (ns, generator, await SecretAsync(ns, $"t-{generator}"));
    }

    private static string CommonName(V1Secret secret)
    {
        using var certificate = X509Certificate2.CreateFromPem(ClientCertificatePem(secret));
        return certificate.GetNameInfo(X509NameType.SimpleName, false);
    }

    [Test]
    public async Task UserChanged_CertificateIsReissuedWithTheNewCn()
    {
        var (ns, generator, before) = await IssuedAsync("user");

        await PatchGeneratorAsync(generator, new JsonObject { ["spec"] = new JsonObject { ["user"] = new JsonObject { ["stringValue"] = "bob" } } });

        var after = await SecretAsync(ns, $"t-{generator}", s => CommonName(s) == "bob", "a certificate for bob");
        Assert.That(CommonName(before), Is.EqualTo("alice"));
        Assert.That(after.Metadata.Labels[WellKnown.ManagedForLabel], Is.EqualTo("t"));
    }

    [Test]
    public async Task RotationAnnotation_ReissuesOnceAndStampsTheTime()
    {
        var (ns, generator, before) = await IssuedAsync("rotate");

        await Admin.CoreV1.PatchNamespacedSecretAsync(MergePatch(new JsonObject
        {
            ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [WellKnown.RotateAnnotation] = "" } },
        }), $"t-{generator}", ns);

        var after = await SecretAsync(ns, $"t-{generator}",
            s => s.Metadata.Annotations?.TryGetValue(WellKnown.RotateAnnotation, out var v) == true && v.Length > 0, "the rotation timestamp");
        Assert.That(ClientCertificatePem(after), Is.Not.EqualTo(ClientCertificatePem(before)));
        Assert.That(DateTimeOffset.TryParse(after.Metadata.Annotations[WellKnown.RotateAnnotation], System.Globalization.CultureInfo.InvariantCulture, out _), Is.True);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.That(ClientCertificatePem((await GetSecretAsync(ns, $"t-{generator}"))!), Is.EqualTo(ClientCertificatePem(after)), "rotated once only");
    }

    [Test]
    public async Task ShortValidity_CertificateIsRenewedBeforeItExpires()
    {
        // validity 1m → renewal window min(24h, 1m/3) = 20s: a renewal is due about 40s after issue.
        var (ns, generator, before) = await IssuedAsync("expiry", "  certificate: {validity: 1m}");
        using var first = X509Certificate2.CreateFromPem(ClientCertificatePem(before));

        var renewed = await Eventually.GetAsync(async () =>
        {
            var secret = await GetSecretAsync(ns, $"t-{generator}");
            return secret is not null && ClientCertificatePem(secret) != ClientCertificatePem(before) ? secret : null;
        }, "the renewed certificate", TimeSpan.FromSeconds(90));

        using var second = X509Certificate2.CreateFromPem(ClientCertificatePem(renewed));
        Assert.That(second.NotAfter, Is.GreaterThan(first.NotAfter));
        Assert.That(DateTime.UtcNow, Is.LessThan(first.NotAfter.ToUniversalTime()), "renewed before the old certificate expired");
    }

    [Test]
    public async Task CaRotated_KubeconfigCarriesTheNewCaAndChainsToIt()
    {
        RequireSandbox();
        var (ns, generator, before) = await IssuedAsync("carot");
        var oldCa = (await GetSecretAsync(ns, "t-ca"))!.Data["ca.crt"];

        Sandbox!.Kamaji.RotateCa(ns, "t");

        var newCa = (await SecretAsync(ns, "t-ca", s => !s.Data["ca.crt"].SequenceEqual(oldCa), "the rotated CA")).Data["ca.crt"];
        var newCaText = System.Text.Encoding.ASCII.GetString(newCa).Trim();
        var after = await SecretAsync(ns, $"t-{generator}", s => ClientCertificatePem(s) != ClientCertificatePem(before)
            && System.Text.Encoding.ASCII.GetString(KubeconfigReader.TryRead(Kubeconfig(s), out _)!.Clusters[0].CertificateAuthorityData!.Span)
                .Contains(newCaText, StringComparison.Ordinal), "a kubeconfig with the new CA");
        using var ca = X509Certificate2.CreateFromPem(System.Text.Encoding.ASCII.GetString(newCa));
        using var client = X509Certificate2.CreateFromPem(ClientCertificatePem(after));
        Assert.That(CertificateSignature.IsSignedBy(client, ca), Is.True);
    }

    [Test]
    public async Task SecretDeleted_IsRecreated()
    {
        var (ns, generator, _) = await IssuedAsync("deleted");

        await Admin.CoreV1.DeleteNamespacedSecretAsync($"t-{generator}", ns);

        await SecretAsync(ns, $"t-{generator}", s => s.Metadata.DeletionTimestamp is null, "the recreated Secret");
    }

    [Test]
    public async Task ValueCorrupted_IsReissued()
    {
        var (ns, generator, _) = await IssuedAsync("corrupt");

        await Admin.CoreV1.PatchNamespacedSecretAsync(MergePatch(new JsonObject
        {
            ["data"] = new JsonObject { ["value"] = Convert.ToBase64String("garbage"u8.ToArray()) },
        }), $"t-{generator}", ns);

        var repaired = await SecretAsync(ns, $"t-{generator}", s => Kubeconfig(s).Contains("client-certificate-data", StringComparison.Ordinal), "a valid kubeconfig again");
        Assert.That(KubeconfigReader.TryRead(Kubeconfig(repaired), out _)!.Users.Single().Name, Is.EqualTo(generator));
    }

    [Test]
    public async Task LabelsRemoved_AreRestoredWithoutReissuing()
    {
        var (ns, generator, before) = await IssuedAsync("labels");

        await Admin.CoreV1.PatchNamespacedSecretAsync(MergePatch(new JsonObject
        {
            ["metadata"] = new JsonObject { ["labels"] = new JsonObject { [WellKnown.LifecycleLabel] = null } },
        }), $"t-{generator}", ns);

        var repaired = await SecretAsync(ns, $"t-{generator}", s => s.Metadata.Labels.ContainsKey(WellKnown.LifecycleLabel)
            && s.Metadata.ResourceVersion != before.Metadata.ResourceVersion, "the label restored");
        Assert.That(ClientCertificatePem(repaired), Is.EqualTo(ClientCertificatePem(before)));
    }
}
