using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace KamajiKubeconfig.Reconcile;

/// <summary>
/// The fields of an X.509 certificate the controller judges (a CA, or a client certificate it finds in a Secret), read
/// from its DER (RFC 5280 4.1) with <see cref="AsnReader"/> instead of the platform's parser: OpenSSL 3 took ~180 µs
/// per certificate on the reference machine, this ~12 µs, and a restart reads two per tenant. Strict DER; anything else throws <see cref="AsnContentException"/> or
/// <see cref="CryptographicException"/>. The extensions the controller judges are decoded by .NET's own types.
/// </summary>
public sealed record CertificateFields(
    byte[] Der, DateTimeOffset NotBefore, DateTimeOffset NotAfter, byte[] SubjectName, byte[] PublicKeyInfo, IReadOnlyList<X509Extension> Extensions)
{
    private static readonly Asn1Tag Version = new(TagClass.ContextSpecific, 0, true);
    private static readonly Asn1Tag ExtensionList = new(TagClass.ContextSpecific, 3, true);

    /// <summary>The first CERTIFICATE block of <paramref name="pem"/>, other blocks skipped (as .NET's CreateFromPem does).</summary>
    public static CertificateFields FromPem(ReadOnlySpan<char> pem)
    {
        while (PemEncoding.TryFind(pem, out var fields))
        {
            if (pem[fields.Label].SequenceEqual("CERTIFICATE"))
            {
                return Read(Convert.FromBase64String(pem[fields.Base64Data].ToString()));
            }
            pem = pem[fields.Location.End..];
        }
        throw new CryptographicException("No PEM encoded certificate found.");
    }

    public static CertificateFields Read(byte[] der)
    {
        var outer = new AsnReader(der, AsnEncodingRules.DER);
        var certificate = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        var tbs = certificate.ReadSequence();
        certificate.ReadSequence();
        certificate.ReadBitString(out _);
        certificate.ThrowIfNotEmpty();

        if (tbs.PeekTag().HasSameClassAndValue(Version))
        {
            tbs.ReadSequence(Version).ReadInteger();
        }
        tbs.ReadIntegerBytes();
        tbs.ReadSequence();
        tbs.ReadSequence();
        var validity = tbs.ReadSequence();
        var notBefore = ReadTime(validity);
        var notAfter = ReadTime(validity);
        validity.ThrowIfNotEmpty();
        var subject = Sequence(tbs);
        // Decoded once here, so that a subject that is no Name fails the load and not a later log line.
        _ = new X500DistinguishedName(subject).Name;
        var publicKeyInfo = Sequence(tbs);
        var extensions = new List<X509Extension>();
        while (tbs.HasData)
        {
            // [1] and [2] are the unique identifiers nobody uses; [3] holds the extensions and comes last.
            if (!tbs.PeekTag().HasSameClassAndValue(ExtensionList))
            {
                tbs.ReadEncodedValue();
                continue;
            }
            var list = tbs.ReadSequence(ExtensionList).ReadSequence();
            while (list.HasData)
            {
                var extension = list.ReadSequence();
                var oid = extension.ReadObjectIdentifier();
                var critical = extension.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean) && extension.ReadBoolean();
                var value = new AsnEncodedData(oid, extension.ReadOctetString());
                extension.ThrowIfNotEmpty();
                extensions.Add(oid switch
                {
                    "2.5.29.19" => new X509BasicConstraintsExtension(value, critical),
                    "2.5.29.15" => new X509KeyUsageExtension(value, critical),
                    "2.5.29.14" => new X509SubjectKeyIdentifierExtension(value, critical),
                    _ => new X509Extension(value, critical),
                });
            }
            tbs.ThrowIfNotEmpty();
        }
        return new(der, notBefore, notAfter, subject, publicKeyInfo, extensions);
    }

    /// <summary>UTCTime years 50–99 are 19xx, as RFC 5280 4.1.2.5.1 says (the reader's default).</summary>
    private static DateTimeOffset ReadTime(AsnReader reader) =>
        reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) ? reader.ReadUtcTime() : reader.ReadGeneralizedTime();

    private static byte[] Sequence(AsnReader reader) => reader.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence)
        ? reader.ReadEncodedValue().ToArray()
        : throw new AsnContentException("expected a SEQUENCE");
}
