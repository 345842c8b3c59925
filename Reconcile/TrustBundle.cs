using System.Security.Cryptography;
using System.Text;

namespace KamajiKubeconfig.Reconcile;

/// <summary>
/// Reads a kubeconfig's certificate-authority-data (one or more PEM certificates) to answer whether it trusts a given
/// CA certificate.
/// </summary>
public static class TrustBundle
{
    private const string CertificateLabel = "CERTIFICATE";

    /// <summary>
    /// True when <paramref name="bundle"/> holds exactly the certificate <paramref name="certificateDer"/> among its certificates.
    /// The DER of each CERTIFICATE block is compared with the certificate's: no certificate is parsed (this runs for
    /// every kubeconfig about to be issued), and a block that is not a certificate matches nothing, as Go's
    /// <c>AppendCertsFromPEM</c> skips it while trusting the others.
    /// </summary>
    public static bool Includes(Blob? bundle, ReadOnlySpan<byte> certificateDer)
    {
        ReadOnlySpan<char> pem = bundle is null ? null : Encoding.ASCII.GetString(bundle.Span);
        var der = new byte[certificateDer.Length];
        while (PemEncoding.TryFind(pem, out var fields))
        {
            if (pem[fields.Label].SequenceEqual(CertificateLabel)
                && fields.DecodedDataLength == certificateDer.Length
                && Convert.TryFromBase64Chars(pem[fields.Base64Data], der, out var length)
                && der.AsSpan(0, length).SequenceEqual(certificateDer))
            {
                return true;
            }
            pem = pem[fields.Location.End..];
        }
        return false;
    }
}
