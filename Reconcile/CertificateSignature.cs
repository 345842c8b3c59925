using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace KamajiKubeconfig.Reconcile;

/// <summary>
/// Checks that a certificate was signed by a given CA certificate by verifying the signature over the TBS bytes.
/// Done by hand rather than with <see cref="X509Chain"/> so the answer depends on the two certificates alone
/// (no system trust store, no revocation fetches, no clock).
/// </summary>
public static class CertificateSignature
{
    /// <summary>
    /// From the certificate's DER and the issuer's encoded subject and public key: the certificate is read here and
    /// not parsed by the platform's X.509 code, and only the issuer's key is imported.
    /// </summary>
    public static bool IsSignedBy(byte[] certificateDer, ReadOnlySpan<byte> issuerName, byte[] issuerPublicKeyInfo)
    {
        try
        {
            var reader = new AsnReader(certificateDer, AsnEncodingRules.DER).ReadSequence();
            var tbs = reader.ReadEncodedValue();
            var algorithm = reader.ReadSequence().ReadObjectIdentifier();
            var signature = reader.ReadBitString(out _);
            return IssuerOf(tbs).Span.SequenceEqual(issuerName) && algorithm switch
            {
                "1.2.840.113549.1.1.11" => VerifyRsa(issuerPublicKeyInfo, tbs, signature, HashAlgorithmName.SHA256),
                "1.2.840.113549.1.1.12" => VerifyRsa(issuerPublicKeyInfo, tbs, signature, HashAlgorithmName.SHA384),
                "1.2.840.113549.1.1.13" => VerifyRsa(issuerPublicKeyInfo, tbs, signature, HashAlgorithmName.SHA512),
                "1.2.840.10045.4.3.2" => VerifyEcdsa(issuerPublicKeyInfo, tbs, signature, HashAlgorithmName.SHA256),
                "1.2.840.10045.4.3.3" => VerifyEcdsa(issuerPublicKeyInfo, tbs, signature, HashAlgorithmName.SHA384),
                "1.2.840.10045.4.3.4" => VerifyEcdsa(issuerPublicKeyInfo, tbs, signature, HashAlgorithmName.SHA512),
                _ => false,
            };
        }
        catch (Exception e) when (e is AsnContentException or CryptographicException)
        {
            return false;
        }
    }

    /// <summary>A TBSCertificate's issuer Name: after the optional [0] version, the serial number and the signature algorithm.</summary>
    private static ReadOnlyMemory<byte> IssuerOf(ReadOnlyMemory<byte> tbs)
    {
        var fields = new AsnReader(tbs, AsnEncodingRules.DER).ReadSequence();
        if (fields.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
        {
            fields.ReadEncodedValue();
        }
        fields.ReadEncodedValue();
        fields.ReadEncodedValue();
        return fields.ReadEncodedValue();
    }

    /// <summary>A key of another type does not import: a CryptographicException, read as "not signed by it".</summary>
    private static bool VerifyRsa(byte[] publicKeyInfo, ReadOnlyMemory<byte> tbs, byte[] signature, HashAlgorithmName hash)
    {
        using var key = RSA.Create();
        key.ImportSubjectPublicKeyInfo(publicKeyInfo, out _);
        return key.VerifyData(tbs.Span, signature, hash, RSASignaturePadding.Pkcs1);
    }

    private static bool VerifyEcdsa(byte[] publicKeyInfo, ReadOnlyMemory<byte> tbs, byte[] signature, HashAlgorithmName hash)
    {
        using var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(publicKeyInfo, out _);
        return key.VerifyData(tbs.Span, signature, hash, DSASignatureFormat.Rfc3279DerSequence);
    }
}
