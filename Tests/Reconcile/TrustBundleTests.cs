using System.Text;
using KamajiKubeconfig.Reconcile;
using KamajiKubeconfig.Tests.Builders;

namespace KamajiKubeconfig.Tests.Reconcile;

/// <summary>Whether an admin kubeconfig's certificate-authority-data trusts the CA Secret's certificate (docs/behaviour.md D14).</summary>
public class TrustBundleTests
{
    private static readonly TestCa Ca = TestPki.Ca();
    private static readonly TestCa Other = TestPki.Ca("other");

    private static Blob Bundle(params string[] pems) => new(Encoding.ASCII.GetBytes(string.Concat(pems)));

    private static string Pem(TestCa ca) => Encoding.ASCII.GetString(ca.CertificatePem);

    [Test]
    public void Includes_TheCertificateAlone_IsTrue() => Assert.That(TrustBundle.Includes(Bundle(Pem(Ca)), Ca.Certificate.RawData), Is.True);

    [Test]
    public void Includes_TheCertificateAfterAnother_IsTrue() =>
        Assert.That(TrustBundle.Includes(Bundle(Pem(Other), Pem(Ca)), Ca.Certificate.RawData), Is.True);

    [Test]
    public void Includes_OnlyAnotherCertificate_IsFalse() => Assert.That(TrustBundle.Includes(Bundle(Pem(Other)), Ca.Certificate.RawData), Is.False);

    [TestCase(null)]
    [TestCase("")]
    [TestCase("no PEM at all")]
    public void Includes_NoBundle_IsFalse(string? data) =>
        Assert.That(TrustBundle.Includes(data is null ? null : Bundle(data), Ca.Certificate.RawData), Is.False);

    [Test]
    public void Includes_ABrokenBlockBesideTheCertificate_StillTrustsIt() =>
        Assert.That(TrustBundle.Includes(Bundle("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", Pem(Ca)), Ca.Certificate.RawData), Is.True);

    [Test]
    public void Includes_TheSameBytesUnderAnotherLabel_IsFalse()
    {
        var relabelled = Pem(Ca).Replace("CERTIFICATE", "X509 CRL", StringComparison.Ordinal);

        Assert.That(TrustBundle.Includes(Bundle(relabelled), Ca.Certificate.RawData), Is.False);
    }
}
