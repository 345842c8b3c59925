using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using KamajiKubeconfig.Sandbox.Tls;

namespace KamajiKubeconfig.Sandbox.Kamaji;

/// <summary>
/// Kamaji's tenant CAs (self-signed, CA:TRUE, keyCertSign) dated by the sandbox's clock rather than the machine's, so a
/// sandbox started with a clock offset hands out CAs as a skewed Kamaji would.
/// </summary>
public static class KamajiCertificateAuthorities
{
    public static CertificateAuthority Create(bool ecdsa, DateTimeOffset now)
    {
        using AsymmetricAlgorithm key = ecdsa ? ECDsa.Create(ECCurve.NamedCurves.nistP256) : RSA.Create(2048);
        var request = key switch
        {
            RSA rsa => new CertificateRequest("CN=kubernetes", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ECDsa ec => new CertificateRequest("CN=kubernetes", ec, HashAlgorithmName.SHA256),
            _ => throw new InvalidOperationException("RSA or ECDSA"),
        };
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return CertificateAuthority.FromCertificate(request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(10)));
    }
}
