using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace KamajiKubeconfig.Sandbox.Tls;

/// <summary>A throw-away certificate authority: a self-signed CA that issues server and client certificates.</summary>
public sealed class CertificateAuthority : IDisposable
{
    private CertificateAuthority(X509Certificate2 certificate) => Certificate = certificate;

    /// <summary>The CA certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    public string CertificatePem => Certificate.ExportCertificatePem();

    public static CertificateAuthority CreateEcdsa(string commonName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        return new CertificateAuthority(SelfSign(request));
    }

    public static CertificateAuthority CreateRsa(string commonName, int keySize = 2048)
    {
        using var key = RSA.Create(keySize);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return new CertificateAuthority(SelfSign(request));
    }

    /// <summary>Wraps an existing CA (certificate with private key), e.g. one read back from a Kamaji CA Secret.</summary>
    public static CertificateAuthority FromCertificate(X509Certificate2 certificateWithKey) => new(certificateWithKey);

    private static X509Certificate2 SelfSign(CertificateRequest request)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(10));
    }

    /// <summary>A TLS server certificate for loopback (SAN 127.0.0.1, ::1 and localhost), usable by Kestrel.</summary>
    public X509Certificate2 IssueServerCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=sandbox-apiserver", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddIpAddress(IPAddress.IPv6Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        using var issued = Sign(request, TimeSpan.FromDays(365));
        using var withKey = issued.CopyWithPrivateKey(key);
        // Round-trip through PKCS#12 so the key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>A client certificate: CN = user, one O per group, clientAuth only.</summary>
    public X509Certificate2 IssueClientCertificate(string user, IEnumerable<string> groups, AsymmetricAlgorithm key, TimeSpan validity)
    {
        var subject = new X500DistinguishedNameBuilder();
        foreach (var group in groups)
        {
            subject.AddOrganizationName(group);
        }
        subject.AddCommonName(user);
        CertificateRequest request = key switch
        {
            RSA rsa => new CertificateRequest(subject.Build(), rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ECDsa ec => new CertificateRequest(subject.Build(), ec, HashAlgorithmName.SHA256),
            _ => throw new ArgumentException("RSA or ECDSA key expected", nameof(key)),
        };
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        return Sign(request, validity);
    }

    private X509Certificate2 Sign(CertificateRequest request, TimeSpan validity)
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        var now = DateTimeOffset.UtcNow;
        var notAfter = now + validity < Certificate.NotAfter ? now + validity : new DateTimeOffset(Certificate.NotAfter.ToUniversalTime());
        var generator = Certificate.GetECDsaPrivateKey() is { } ec
            ? X509SignatureGenerator.CreateForECDsa(ec)
            : X509SignatureGenerator.CreateForRSA(Certificate.GetRSAPrivateKey()!, RSASignaturePadding.Pkcs1);
        return request.Create(Certificate.SubjectName, generator, now.AddMinutes(-5), notAfter, serial);
    }

    public void Dispose() => Certificate.Dispose();
}
