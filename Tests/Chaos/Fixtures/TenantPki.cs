using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace KamajiKubeconfig.Chaos.Fixtures;

/// <summary>
/// Certificate authorities of every kind a hostile or broken tenant may present, and admin kubeconfigs signed by them
/// (with a real admin key inside, so a leak of the template would be caught).
/// </summary>
public static class TenantPki
{
    public sealed record Ca(string CertificatePem, string KeyPem, AsymmetricAlgorithm Key, X509Certificate2 Certificate);

    public static Ca Create(CaKind kind)
    {
        var now = DateTimeOffset.UtcNow;
        AsymmetricAlgorithm key = kind is CaKind.EcSec1 or CaKind.EcPkcs8 ? ECDsa.Create(ECCurve.NamedCurves.nistP256) : RSA.Create(2048);
        var request = key is RSA rsa
            ? new CertificateRequest("CN=kubernetes", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : new CertificateRequest("CN=kubernetes", (ECDsa)key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(kind != CaKind.NotACa, false, 0, true));
        var usage = kind switch
        {
            CaKind.NotACa => X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment,
            CaKind.CaWithoutKeyCertSign => X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.CrlSign,
            _ => X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature,
        };
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var (notBefore, notAfter) = kind switch
        {
            CaKind.Expired => (now.AddDays(-30), now.AddDays(-1)),
            CaKind.ExpiringWithinTheHour => (now.AddDays(-30), now.AddMinutes(40)),
            _ => (now.AddMinutes(-5), now.AddYears(10)),
        };
        var certificate = request.CreateSelfSigned(notBefore, notAfter);
        var keyPem = kind switch
        {
            CaKind.RsaPkcs1 or CaKind.NotACa or CaKind.CaWithoutKeyCertSign or CaKind.Expired or CaKind.ExpiringWithinTheHour => ((RSA)key).ExportRSAPrivateKeyPem(),
            CaKind.EcSec1 => ((ECDsa)key).ExportECPrivateKeyPem(),
            CaKind.EncryptedPkcs8 => key.ExportEncryptedPkcs8PrivateKeyPem("secret"u8, new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000)),
            CaKind.KeyNotMatching => RSA.Create(2048).ExportRSAPrivateKeyPem(),
            _ => key.ExportPkcs8PrivateKeyPem(),
        };
        return new Ca(certificate.ExportCertificatePem(), keyPem, key, certificate);
    }

    /// <summary>A kubeconfig with one cluster (server, this CA) and a kubernetes-admin user whose certificate this CA signed.</summary>
    public static string AdminKubeconfig(Ca ca, string server, string cluster = "tenant")
    {
        var (certificate, key) = IssueAdmin(ca);
        return $"""
            apiVersion: v1
            kind: Config
            clusters:
            - cluster:
                certificate-authority-data: {B64(ca.CertificatePem)}
                server: {server}
              name: {cluster}
            contexts:
            - context:
                cluster: {cluster}
                user: kubernetes-admin
              name: kubernetes-admin@{cluster}
            current-context: kubernetes-admin@{cluster}
            preferences: {"{}"}
            users:
            - name: kubernetes-admin
              user:
                client-certificate-data: {B64(certificate)}
                client-key-data: {B64(key)}

            """;
    }

    /// <summary>An admin client certificate (PEM) and key (PEM), signed by a good CA; a broken CA signs nothing.</summary>
    public static (string Certificate, string Key) IssueAdmin(Ca ca)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=kubernetes-admin, O=kubeadm:cluster-admins", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        X509Certificate2 issued;
        try
        {
            var generator = ca.Key is RSA rsa ? X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1) : X509SignatureGenerator.CreateForECDsa((ECDsa)ca.Key);
            var notAfter = ca.Certificate.NotAfter < DateTime.UtcNow.AddDays(1) ? DateTimeOffset.UtcNow.AddMinutes(30) : DateTimeOffset.UtcNow.AddDays(365);
            issued = request.Create(ca.Certificate.SubjectName, generator, DateTimeOffset.UtcNow.AddMinutes(-5), notAfter, RandomNumberGenerator.GetBytes(8));
        }
        catch (CryptographicException)
        {
            issued = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        }
        return (issued.ExportCertificatePem(), key.ExportECPrivateKeyPem());
    }

    public static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
