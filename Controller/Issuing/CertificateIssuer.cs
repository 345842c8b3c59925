using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Issuing;

/// <summary>
/// Turns an <see cref="IssueRequest"/> (policy decided) into a kubeconfig with a new key and a client certificate
/// signed by the TCP's CA (docs/behaviour.md A3, B2). The CA key is never kept; key material leaves only in the kubeconfig.
/// </summary>
public sealed class CertificateIssuer(IKeyMaterialSource keys)
{
    private const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    /// <summary><paramref name="caKeyPem"/> is the CA Secret's <c>ca.key</c>, read from the API server for this pass.</summary>
    public IssueResult Issue(IssueRequest request, byte[]? caKeyPem)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            if (request.CertificateAuthority.KeyProblem(caKeyPem, out var parsedCaKey) is { } keyProblem)
            {
                return IssueResult.Failed(keyProblem);
            }
            using var caKey = parsedCaKey!;
            using var clientKey = keys.NewKey(request.KeyAlgorithm);
            using var certificate = Sign(request, caKey, clientKey);
            var yaml = KubeconfigWriter.Write(
                request.Cluster,
                request.GeneratorName,
                Convert.ToBase64String(Encoding.ASCII.GetBytes(certificate.ExportCertificatePem() + "\n")),
                Convert.ToBase64String(Encoding.ASCII.GetBytes(ExportKeyPem(clientKey) + "\n")));
            return new IssueResult(
                Encoding.UTF8.GetBytes(yaml),
                new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
                new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero),
                null)
            {
                Stored = StoredKubeconfig.Issued(request, certificate),
            };
        }
        // One target's failure, whatever its kind (a CA whose dates make no certificate possible, a key type the
        // platform refuses), is that target's error: it must never escape the parallel loop and stop the others.
#pragma warning disable CA1031 // Contained on purpose; the message becomes the TCP's status error.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return IssueResult.Failed($"cannot sign the client certificate: {e.Message}");
        }
    }

    private X509Certificate2 Sign(IssueRequest request, AsymmetricAlgorithm caKey, AsymmetricAlgorithm clientKey)
    {
        var ca = request.CertificateAuthority;
        var hash = SignatureHash(caKey);
        var subject = Subject(request.Identity);
        var certificateRequest = clientKey switch
        {
            RSA rsa => new CertificateRequest(subject, rsa, hash, RSASignaturePadding.Pkcs1),
            ECDsa ec => new CertificateRequest(subject, ec, hash),
            _ => throw new CryptographicException($"unsupported client key type {clientKey.GetType().Name}"),
        };
        certificateRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        certificateRequest.CertificateExtensions.Add(
            new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        certificateRequest.CertificateExtensions.Add(
            new X509EnhancedKeyUsageExtension(new OidCollection { new Oid(ClientAuthOid) }, false));
        if (ca.SubjectKeyIdentifier is { Length: > 0 } id)
        {
            certificateRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(id));
        }
        var generator = caKey switch
        {
            RSA rsa => X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1),
            ECDsa ec => X509SignatureGenerator.CreateForECDsa(ec),
            _ => throw new CryptographicException($"unsupported Certificate Authority key type {caKey.GetType().Name}"),
        };
        return certificateRequest.Create(new X500DistinguishedName(ca.SubjectName), generator, request.NotBefore, request.NotAfter, keys.NewSerialNumber());
    }

    /// <summary>Go's choice: SHA-256 for RSA and P-256 CAs, SHA-384 for P-384, SHA-512 for P-521.</summary>
    private static HashAlgorithmName SignatureHash(AsymmetricAlgorithm caKey) => caKey switch
    {
        ECDsa { KeySize: 384 } => HashAlgorithmName.SHA384,
        ECDsa { KeySize: 521 } => HashAlgorithmName.SHA512,
        _ => HashAlgorithmName.SHA256,
    };

    /// <summary>
    /// O values (sorted) then CN, one RDN each: the order Go's <c>pkix.Name</c> encodes. The builder encodes in the
    /// reverse of the order names are added, hence CN first and the groups backwards.
    /// </summary>
    private static X500DistinguishedName Subject(Identity identity)
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCommonName(identity.User);
        foreach (var group in identity.Groups.Reverse())
        {
            builder.AddOrganizationName(group);
        }
        return builder.Build();
    }

    /// <summary>RSA keys as PKCS#1 <c>RSA PRIVATE KEY</c>, EC keys as SEC1 <c>EC PRIVATE KEY</c>, as Kamaji writes them.</summary>
    private static string ExportKeyPem(AsymmetricAlgorithm key) => key switch
    {
        RSA rsa => rsa.ExportRSAPrivateKeyPem(),
        ECDsa ec => ec.ExportECPrivateKeyPem(),
        _ => throw new CryptographicException($"unsupported client key type {key.GetType().Name}"),
    };
}

/// <summary>A written kubeconfig with its certificate's window as encoded (whole seconds), or why none could be written.</summary>
public sealed record IssueResult(byte[]? Kubeconfig, DateTimeOffset NotBefore, DateTimeOffset NotAfter, string? Error)
{
    public static IssueResult Failed(string error) => new(null, default, default, error);

    /// <summary>What <see cref="KubeconfigValidity.Inspect"/> would conclude, known without a parse: it is the issuer's own output.</summary>
    public KubeconfigFacts Facts => new(null, NotBefore, NotAfter);

    /// <summary>What <see cref="StoredKubeconfig.Read"/> would make of <see cref="Kubeconfig"/>, likewise known without a parse.</summary>
    public StoredKubeconfig? Stored { get; init; }

    public override string ToString() => Error is null ? $"IssueResult {{ NotBefore = {NotBefore:O}, NotAfter = {NotAfter:O} }}" : $"IssueResult {{ Error = {Error} }}";
}
