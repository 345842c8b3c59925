using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using KamajiKubeconfig.Controller.Issuing;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Tests.Builders;

/// <summary>How a CA key is written in its Secret (Kamaji accepts all three).</summary>
public enum CaKeyFormat
{
    Pkcs1,
    Sec1,
    Pkcs8,
}

/// <summary>A throw-away CA for tests: certificate and key as the PEM bytes a Kamaji CA Secret holds.</summary>
public sealed record TestCa(string Name, X509Certificate2 Certificate, byte[] CertificatePem, byte[] KeyPem)
{
    public string CertificateBase64 => Convert.ToBase64String(CertificatePem);
}

/// <summary>
/// Creates CAs once per test run (key generation is the slow part) and hands out the same ones, so tests stay
/// fast. Each (name, algorithm) pair is a distinct CA, e.g. to simulate a CA rotation.
/// </summary>
public static class TestPki
{
    private static readonly ConcurrentDictionary<(string, KeyAlgorithm, CaKeyFormat, int), TestCa> Cache = new();
    private static readonly ConcurrentDictionary<string, TestCa> ByCertificate = new(StringComparer.Ordinal);
    public static readonly DateTimeOffset CaNotBefore = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static TestCa Ca(string name = "kubernetes", KeyAlgorithm algorithm = KeyAlgorithm.Rsa2048,
        CaKeyFormat format = CaKeyFormat.Pkcs1, int validityYears = 10) =>
        Cache.GetOrAdd((name, algorithm, format, validityYears), k => Create(k.Item1, k.Item2, k.Item3, k.Item4));

    /// <summary>
    /// A CA-like certificate that breaks one rule: not marked CA, no keyCertSign, or a window ending at
    /// <paramref name="notAfter"/> (e.g. already expired). Not cached: each call is a new key.
    /// </summary>
    public static TestCa Unusual(string name, bool markedCa = true, bool keyCertSign = true, DateTimeOffset? notAfter = null) =>
        Create(name, KeyAlgorithm.EcdsaP256, CaKeyFormat.Sec1, 10, markedCa, keyCertSign, notAfter);

    /// <summary>The key of a CA made here, as its Secret's <c>ca.key</c> holds it (what the applier reads to sign).</summary>
    public static byte[] KeyOf(CertificateAuthority ca) => ByCertificate[Convert.ToBase64String(ca.CertificatePem)].KeyPem;

    private static TestCa Create(string name, KeyAlgorithm algorithm, CaKeyFormat format, int validityYears,
        bool markedCa = true, bool keyCertSign = true, DateTimeOffset? notAfter = null)
    {
        // Fresh keys: every CA must differ from every other, which a pooled key source cannot promise.
        using var key = new SystemKeyMaterialSource().NewKey(algorithm);
        var subject = new X500DistinguishedName($"CN={name}");
        var request = key switch
        {
            RSA rsa => new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ECDsa ec => new CertificateRequest(subject, ec, ec.KeySize == 384 ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256),
            _ => throw new InvalidOperationException(),
        };
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(markedCa, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            (keyCertSign ? X509KeyUsageFlags.KeyCertSign : X509KeyUsageFlags.None) | X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var certificate = request.CreateSelfSigned(CaNotBefore, notAfter ?? CaNotBefore.AddYears(validityYears));
        var keyPem = (key, format) switch
        {
            (RSA rsa, CaKeyFormat.Pkcs1) => rsa.ExportRSAPrivateKeyPem(),
            (ECDsa ec, CaKeyFormat.Sec1) => ec.ExportECPrivateKeyPem(),
            (_, CaKeyFormat.Pkcs8) => key.ExportPkcs8PrivateKeyPem(),
            _ => throw new ArgumentException($"{format} does not apply to {algorithm}"),
        };
        var publicOnly = X509CertificateLoader.LoadCertificate(certificate.RawData);
        var created = new TestCa(name, publicOnly, Encoding.ASCII.GetBytes(publicOnly.ExportCertificatePem() + "\n"), Encoding.ASCII.GetBytes(keyPem + "\n"));
        ByCertificate[created.CertificateBase64] = created;
        return created;
    }
}
