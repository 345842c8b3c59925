using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace KamajiKubeconfig.Reconcile;

/// <summary>
/// Reads a kubeconfig's certificate-authority-data (base64 of one or more PEM certificates) to answer whether it
/// trusts a given CA certificate.
/// </summary>
public static class TrustBundle
{
    private const string CertificateLabel = "CERTIFICATE";

    /// <summary>
    /// True when <paramref name="base64Pem"/> holds exactly the certificate <paramref name="certificateDer"/> among its certificates.
    /// The DER of each CERTIFICATE block is compared with the certificate's: no certificate is parsed (this runs for
    /// every kubeconfig about to be issued), and a block that is not a certificate matches nothing, as Go's
    /// <c>AppendCertsFromPEM</c> skips it while trusting the others.
    /// </summary>
    public static bool Includes(string? base64Pem, ReadOnlySpan<byte> certificateDer)
    {
        if (string.IsNullOrEmpty(base64Pem))
        {
            return false;
        }
        var buffer = ArrayPool<byte>.Shared.Rent(base64Pem.Length);
        try
        {
            if (!Convert.TryFromBase64String(base64Pem, buffer, out var written))
            {
                return false;
            }
            ReadOnlySpan<char> pem = Encoding.ASCII.GetString(buffer, 0, written);
            var expected = certificateDer;
            var der = new byte[expected.Length];
            while (PemEncoding.TryFind(pem, out var fields))
            {
                if (pem[fields.Label].SequenceEqual(CertificateLabel)
                    && fields.DecodedDataLength == expected.Length
                    && Convert.TryFromBase64Chars(pem[fields.Base64Data], der, out var length)
                    && der.AsSpan(0, length).SequenceEqual(expected))
                {
                    return true;
                }
                pem = pem[fields.Location.End..];
            }
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
