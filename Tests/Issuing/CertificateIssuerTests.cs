using System.Security.Cryptography.X509Certificates;
using System.Text;
using KamajiKubeconfig.Controller.Issuing;
using KamajiKubeconfig.Reconcile;
using KamajiKubeconfig.Tests.Builders;

namespace KamajiKubeconfig.Tests.Issuing;

/// <summary>docs/behaviour.md A3, B2, B13: the issued certificate and kubeconfig, checked in-process.</summary>
public class CertificateIssuerTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static IssueRequest Request(TestCa ca, KeyAlgorithm algorithm = KeyAlgorithm.Rsa2048, params string[] groups)
    {
        var world = new TestWorld().Tenant("ns", "tenant-a", ca: ca);
        var generator = new GeneratorBuilder("gen").KeyAlgorithm(algorithm.Name())
            .Groups([.. (groups.Length == 0 ? ["customer-admins", "auditors"] : groups).Select(Compound.Static)]).Build();
        return world.Reconcile(generator, Now).Targets.Single().Issue!;
    }

    public static (X509Certificate2 Certificate, Kubeconfig Config) Issue(IssueRequest request)
    {
        var result = new CertificateIssuer(FixedKeySource.Shared).Issue(request, TestPki.KeyOf(request.CertificateAuthority));
        Assert.That(result.Error, Is.Null);
        var config = KubeconfigReader.TryRead(Encoding.UTF8.GetString(result.Kubeconfig!), out _)!;
        var pem = Encoding.ASCII.GetString(Convert.FromBase64String(config.Users[0].ClientCertificateData!));
        return (X509Certificate2.CreateFromPem(pem), config);
    }

    [Test]
    public void Issue_Subject_HasUserAsCnAndSortedGroupsAsO()
    {
        var (certificate, _) = Issue(Request(TestPki.Ca()));

        Assert.That(certificate.SubjectName.EnumerateRelativeDistinguishedNames(reversed: false).Select(n => $"{n.GetSingleElementType().FriendlyName}={n.GetSingleElementValue()}"),
            Is.EqualTo(new[] { "O=auditors", "O=customer-admins", "CN=tenant-a" }));
    }

    [Test]
    public void Issue_Extensions_AreClientAuthOnlyAndNotACa()
    {
        var (certificate, _) = Issue(Request(TestPki.Ca()));

        var eku = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>();
        Assert.That(eku.Select(o => o.Value), Is.EqualTo(new[] { "1.3.6.1.5.5.7.3.2" }));
        Assert.That(certificate.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority, Is.False);
        Assert.That(certificate.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().Single().KeyIdentifier!.Value.ToArray(),
            Is.EqualTo(TestPki.Ca().Certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single().SubjectKeyIdentifierBytes.ToArray()));
    }

    [Test]
    public void Issue_Dates_AreBackdatedFiveMinutesAndLastTheValidity()
    {
        var (certificate, _) = Issue(Request(TestPki.Ca()));

        Assert.That(certificate.NotBefore.ToUniversalTime(), Is.EqualTo(Now.AddMinutes(-5).UtcDateTime));
        Assert.That(certificate.NotAfter.ToUniversalTime(), Is.EqualTo(Now.AddDays(365).UtcDateTime));
    }

    [TestCase(KeyAlgorithm.Rsa2048)]
    [TestCase(KeyAlgorithm.Rsa3072)]
    [TestCase(KeyAlgorithm.EcdsaP256)]
    [TestCase(KeyAlgorithm.EcdsaP384)]
    public void Issue_RequestedKeyAlgorithm_IsUsedAndWrittenInKamajisPemForm(KeyAlgorithm algorithm)
    {
        var (_, config) = Issue(Request(TestPki.Ca(), algorithm));

        var keyPem = Encoding.ASCII.GetString(Convert.FromBase64String(config.Users[0].ClientKeyData!));
        using var key = PemKeys.TryRead(keyPem, out _)!;
        Assert.That(PemKeys.AlgorithmOf(key), Is.EqualTo(algorithm));
        Assert.That(keyPem, Does.StartWith(algorithm.RsaBits() > 0 ? "-----BEGIN RSA PRIVATE KEY-----" : "-----BEGIN EC PRIVATE KEY-----"));
    }

    [TestCase(KeyAlgorithm.Rsa2048, CaKeyFormat.Pkcs1)]
    [TestCase(KeyAlgorithm.Rsa2048, CaKeyFormat.Pkcs8)]
    [TestCase(KeyAlgorithm.EcdsaP256, CaKeyFormat.Sec1)]
    [TestCase(KeyAlgorithm.EcdsaP384, CaKeyFormat.Pkcs8)]
    public void Issue_CaKeyInAnyKamajiFormat_SignsAChainedCertificate(KeyAlgorithm caAlgorithm, CaKeyFormat format)
    {
        var ca = TestPki.Ca($"ca-{caAlgorithm}-{format}", caAlgorithm, format);

        var (certificate, _) = Issue(Request(ca));

        Assert.That(CertificateSignature.IsSignedBy(certificate, ca.Certificate), Is.True);
        Assert.That(CertificateSignature.IsSignedBy(certificate, TestPki.Ca("unrelated").Certificate), Is.False);
    }

    [Test]
    public void Issue_Kubeconfig_CopiesTheTemplateClusterAndNamesUserAndContextAfterTheGenerator()
    {
        var ca = TestPki.Ca();

        var (_, config) = Issue(Request(ca));

        Assert.That(config.Clusters.Single(), Is.EqualTo(new KubeconfigCluster("tenant-a", "https://203.0.113.10:6443", Blob.FromBase64(ca.CertificateBase64), null, null, false)));
        Assert.That(config.Users.Single().Name, Is.EqualTo("gen"));
        Assert.That(config.Contexts.Single(), Is.EqualTo(new KubeconfigContext("gen", "tenant-a", "gen")));
        Assert.That(config.CurrentContext, Is.EqualTo("gen"));
    }

    [Test]
    public void Issue_BrokenCaKey_FailsWithAMessageAndNoException()
    {
        var request = Request(TestPki.Ca());
        var result = new CertificateIssuer(FixedKeySource.Shared).Issue(request, "nope"u8.ToArray());

        Assert.That((result.Kubeconfig, result.Error), Is.EqualTo(((byte[]?)null, "cannot parse Certificate Authority key: no PEM data is found")));
    }

    [Test]
    public void Issue_ResultAndRequest_NeverPrintKeyMaterial()
    {
        var request = Request(TestPki.Ca());
        var result = new CertificateIssuer(FixedKeySource.Shared).Issue(request, TestPki.KeyOf(request.CertificateAuthority));

        Assert.That(request.ToString() + result, Does.Not.Contain("PRIVATE").And.Not.Contain(Convert.ToBase64String(TestPki.KeyOf(request.CertificateAuthority))[..40]));
    }

    [Test]
    public void SystemKeyMaterialSource_SerialNumbers_ArePositiveAndDistinct()
    {
        var source = new SystemKeyMaterialSource();

        var serials = Enumerable.Range(0, 100).Select(_ => Convert.ToHexString(source.NewSerialNumber())).ToList();

        Assert.That(serials.Distinct().Count(), Is.EqualTo(100));
        Assert.That(serials.Select(s => Convert.ToInt32(s[..2], 16)), Has.All.InRange(1, 0x7F));
    }
}
