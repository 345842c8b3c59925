using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace KamajiKubeconfig.Reconcile;

/// <summary>
/// A TCP's CA certificate as read from its Secret. The private key is not part of it: the caches never hold it, and
/// the issuer reads it from the API server only to sign (<see cref="KeyProblem"/> checks it then). Kept as bytes
/// and the facts planning, signing and signature checks read (<see cref="CertificateFields"/> reads them once, without
/// OpenSSL), not as a parsed certificate: the memo holds one per tenant, and a parsed certificate costs several times
/// more, most of it native memory; its DER is decoded again when a certificate is about to be issued (<see cref="Der"/>).
/// <see cref="SubjectName"/> is the encoded subject, the issuer name of every
/// certificate it signs; <see cref="SubjectKeyIdentifier"/>, when it has one, their authority key identifier.
/// </summary>
public sealed record CertificateAuthority(
    byte[] CertificatePem, byte[] PublicKeyInfo, DateTimeOffset NotAfter, byte[] SubjectName, byte[]? SubjectKeyIdentifier)
{
    /// <summary>Equal when the PEM bytes are equal: two reads of one Secret give equal CAs.</summary>
    public bool Equals(CertificateAuthority? other) =>
        other is not null && CertificatePem.AsSpan().SequenceEqual(other.CertificatePem);

    public override int GetHashCode() => CertificatePem.Length;

    /// <summary>The certificate, DER-encoded: <see cref="TryLoad"/> parsed it already, so this cannot fail.</summary>
    public byte[] Der() => CertificateFields.FromPem(Encoding.ASCII.GetString(CertificatePem)).Der;

    public override string ToString() => $"CertificateAuthority {{ Subject = {new X500DistinguishedName(SubjectName).Name} }}";

    /// <summary>Parses <c>ca.crt</c> (first PEM block, as Kamaji does); the message follows Kamaji's wording.</summary>
    public static CertificateAuthority? TryLoad(SecretInfo secret, out string? error)
    {
        if (secret.Get(WellKnown.CaCertificateKey) is not { } crt)
        {
            error = $"cannot parse Certificate Authority certificate: the key {WellKnown.CaCertificateKey} is missing";
            return null;
        }
        try
        {
            var certificate = CertificateFields.FromPem(Encoding.ASCII.GetString(crt));
            error = NotACa(certificate.Extensions);
            return error is not null ? null : new CertificateAuthority(crt, certificate.PublicKeyInfo, certificate.NotAfter, certificate.SubjectName,
                certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault()?.SubjectKeyIdentifierBytes.ToArray());
        }
        catch (Exception e) when (e is CryptographicException or AsnContentException)
        {
            error = $"cannot parse Certificate Authority certificate: {e.Message}";
            return null;
        }
    }

    /// <summary>
    /// A certificate may only sign others when it says so (RFC 5280 4.2.1.9 and 4.2.1.3): basic constraints with
    /// CA:TRUE, and keyCertSign when it restricts its key usage. Verifiers (the tenant API server among them) reject
    /// chains through anything else, so certificates signed by it would look valid to us and fail for the user.
    /// </summary>
    private static string? NotACa(IReadOnlyList<X509Extension> extensions)
    {
        var constraints = extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        if (constraints is null || !constraints.CertificateAuthority)
        {
            return "the Certificate Authority certificate is not a CA: its basic constraints do not say CA:TRUE";
        }
        var usage = extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
        return usage is not null && !usage.KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign)
            ? "the Certificate Authority certificate is not a CA: its key usage does not allow keyCertSign"
            : null;
    }

    /// <summary>Null when <c>ca.key</c> parses and matches the certificate (the caller disposes <paramref name="key"/>); else why not.</summary>
    public string? KeyProblem(byte[]? keyPem, out AsymmetricAlgorithm? key)
    {
        key = null;
        if (keyPem is null || keyPem.Length == 0)
        {
            return $"cannot parse Certificate Authority key: the key {WellKnown.CaPrivateKeyKey} is missing";
        }
        if (PemKeys.TryRead(Encoding.ASCII.GetString(keyPem), out var error) is not { } parsed)
        {
            return $"cannot parse Certificate Authority key: {error}";
        }
        if (!PemKeys.PublicKeyInfo(parsed).AsSpan().SequenceEqual(PublicKeyInfo))
        {
            parsed.Dispose();
            return "cannot parse Certificate Authority key: the key does not match the Certificate Authority certificate";
        }
        key = parsed;
        return null;
    }
}
