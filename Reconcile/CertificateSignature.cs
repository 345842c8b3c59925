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
    public static bool IsSignedBy(X509Certificate2 certificate, X509Certificate2 issuer) => IsSignedBy(certificate.RawData, issuer);

    /// <summary>The same from the certificate's DER, which is read here and not parsed by the platform's X.509 code.</summary>
    public static bool IsSignedBy(byte[] certificateDer, X509Certificate2 issuer)
    {
        try
        {
            var reader = new AsnReader(certificateDer, AsnEncodingRules.DER).ReadSequence();
            var tbs = reader.ReadEncodedValue();
            var algorithm = reader.ReadSequence().ReadObjectIdentifier();
            var signature = reader.ReadBitString(out _);
            return IssuerOf(tbs).Span.SequenceEqual(issuer.SubjectName.RawData) && algorithm switch
            {
                "1.2.840.113549.1.1.11" => VerifyRsa(issuer, tbs, signature, HashAlgorithmName.SHA256),
                "1.2.840.113549.1.1.12" => VerifyRsa(issuer, tbs, signature, HashAlgorithmName.SHA384),
                "1.2.840.113549.1.1.13" => VerifyRsa(issuer, tbs, signature, HashAlgorithmName.SHA512),
                "1.2.840.10045.4.3.2" => VerifyEcdsa(issuer, tbs, signature, HashAlgorithmName.SHA256),
                "1.2.840.10045.4.3.3" => VerifyEcdsa(issuer, tbs, signature, HashAlgorithmName.SHA384),
                "1.2.840.10045.4.3.4" => VerifyEcdsa(issuer, tbs, signature, HashAlgorithmName.SHA512),
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

    private static bool VerifyRsa(X509Certificate2 issuer, ReadOnlyMemory<byte> tbs, byte[] signature, HashAlgorithmName hash)
    {
        using var key = issuer.GetRSAPublicKey();
        return key is not null && key.VerifyData(tbs.Span, signature, hash, RSASignaturePadding.Pkcs1);
    }

    private static bool VerifyEcdsa(X509Certificate2 issuer, ReadOnlyMemory<byte> tbs, byte[] signature, HashAlgorithmName hash)
    {
        using var key = issuer.GetECDsaPublicKey();
        return key is not null && key.VerifyData(tbs.Span, signature, hash, DSASignatureFormat.Rfc3279DerSequence);
    }
}
