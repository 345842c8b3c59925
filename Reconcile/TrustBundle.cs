using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace KamajiKubeconfig.Reconcile;

/// <summary>
/// Reads a kubeconfig's certificate-authority-data (base64 of one or more PEM certificates) to answer whether it
/// trusts a given CA certificate.
/// </summary>
public static class TrustBundle
{
    /// <summary>True when <paramref name="base64Pem"/> holds exactly <paramref name="certificate"/> among its certificates.</summary>
    public static bool Includes(string? base64Pem, X509Certificate2 certificate)
    {
        if (string.IsNullOrEmpty(base64Pem))
        {
            return false;
        }
        var buffer = new byte[base64Pem.Length];
        if (!Convert.TryFromBase64String(base64Pem, buffer, out var written))
        {
            return false;
        }
        var bundle = new X509Certificate2Collection();
        try
        {
            bundle.ImportFromPem(System.Text.Encoding.ASCII.GetString(buffer, 0, written));
            return bundle.Any(c => c.RawDataMemory.Span.SequenceEqual(certificate.RawDataMemory.Span));
        }
        catch (CryptographicException)
        {
            return false;
        }
        finally
        {
            foreach (var c in bundle)
            {
                c.Dispose();
            }
        }
    }
}
