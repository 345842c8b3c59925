using System.Collections.Immutable;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using KamajiKubeconfig.Reconcile;
using KamajiKubeconfig.Tests.Builders;

namespace KamajiKubeconfig.Tests.Reconcile;

/// <summary>The CA's fields read from its DER agree with the platform's parser, and anything not a certificate is refused.</summary>
public class CertificateFieldsTests
{
    public static IEnumerable<TestCa> Cas() =>
    [
        TestPki.Ca("rsa"),
        TestPki.Ca("ec", KeyAlgorithm.EcdsaP256, CaKeyFormat.Sec1),
        TestPki.Ca("ec384", KeyAlgorithm.EcdsaP384, CaKeyFormat.Pkcs8),
        TestPki.Unusual("leaf", markedCa: false),
        TestPki.Unusual("nosign", keyCertSign: false),
    ];

    [TestCaseSource(nameof(Cas))]
    public void FromPem_AgreesWithThePlatformParser(TestCa ca)
    {
        var fields = CertificateFields.FromPem(Encoding.ASCII.GetString(ca.CertificatePem));
        var platform = ca.Certificate;

        Assert.Multiple(() =>
        {
            Assert.That(fields.Der, Is.EqualTo(platform.RawData));
            Assert.That(fields.NotBefore, Is.EqualTo(new DateTimeOffset(platform.NotBefore.ToUniversalTime(), TimeSpan.Zero)));
            Assert.That(fields.NotAfter, Is.EqualTo(new DateTimeOffset(platform.NotAfter.ToUniversalTime(), TimeSpan.Zero)));
            Assert.That(fields.SubjectName, Is.EqualTo(platform.SubjectName.RawData));
            Assert.That(new X500DistinguishedName(fields.SubjectName).Name, Is.EqualTo(platform.Subject));
            Assert.That(fields.PublicKeyInfo, Is.EqualTo(platform.PublicKey.ExportSubjectPublicKeyInfo()));
            Assert.That(fields.Extensions.Select(e => (e.Oid!.Value, e.Critical, Convert.ToHexString(e.RawData))),
                Is.EqualTo(platform.Extensions.Select(e => (e.Oid!.Value, e.Critical, Convert.ToHexString(e.RawData)))));
            Assert.That(fields.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority,
                Is.EqualTo(platform.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority));
        });
    }

    [Test]
    public void FromPem_SkipsBlocksThatAreNotCertificates()
    {
        var ca = TestPki.Ca("rsa");
        var pem = Encoding.ASCII.GetString(ca.KeyPem) + Encoding.ASCII.GetString(ca.CertificatePem);

        Assert.That(CertificateFields.FromPem(pem).Der, Is.EqualTo(ca.Certificate.RawData));
    }

    [Test]
    public void FromPem_WithoutACertificate_IsRefused() =>
        Assert.That(() => CertificateFields.FromPem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"), Throws.InstanceOf<CryptographicException>());

    public static IEnumerable<TestCaseData> Broken()
    {
        var der = TestPki.Ca("rsa").Certificate.RawData;
        yield return new TestCaseData(der[..^1]) { TestName = "{m}(truncated)" };
        yield return new TestCaseData(der.Append((byte)0).ToArray()) { TestName = "{m}(trailing byte)" };
        yield return new TestCaseData(new byte[] { 0x30, 0x00 }) { TestName = "{m}(empty sequence)" };
        yield return new TestCaseData(new byte[] { 0x04, 0x01, 0x00 }) { TestName = "{m}(not a sequence)" };
        var notDer = (byte[])der.Clone();
        notDer[1] = 0x80; // indefinite length: BER, not DER
        yield return new TestCaseData(notDer) { TestName = "{m}(indefinite length)" };
    }

    [TestCaseSource(nameof(Broken))]
    public void Read_NotACertificate_Throws(byte[] der) =>
        Assert.That(() => CertificateFields.Read(der), Throws.InstanceOf<AsnContentException>().Or.InstanceOf<CryptographicException>());

    [Test]
    public void TryLoad_Garbage_IsKamajisParseError()
    {
        var ca = CertificateAuthority.TryLoad(SecretWith("-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n"u8.ToArray()), out var error);

        Assert.Multiple(() =>
        {
            Assert.That(ca, Is.Null);
            Assert.That(error, Does.StartWith("cannot parse Certificate Authority certificate: "));
        });
    }

    private static SecretInfo SecretWith(byte[] crt) => new("ns", "t-ca", "", SortedMap.Empty, SortedMap.Empty, EquatableList<OwnerReference>.Empty,
        ImmutableDictionary<string, byte[]>.Empty.Add(WellKnown.CaCertificateKey, crt));
}
