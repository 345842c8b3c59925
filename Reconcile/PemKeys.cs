using System.Security.Cryptography;

namespace KamajiKubeconfig.Reconcile;

/// <summary>
/// Reads private keys the way Kamaji's <c>ParsePrivateKeyBytes</c> does: SEC1 <c>EC PRIVATE KEY</c>, PKCS#8
/// <c>PRIVATE KEY</c> (RSA or ECDSA), otherwise PKCS#1 <c>RSA PRIVATE KEY</c>. Pure: parsing only.
/// </summary>
public static class PemKeys
{
    /// <summary>The key, or null and a reason. The caller disposes the key.</summary>
    public static AsymmetricAlgorithm? TryRead(ReadOnlySpan<char> pem, out string? error)
    {
        if (!PemEncoding.TryFind(pem, out var fields))
        {
            error = "no PEM data is found";
            return null;
        }
        var label = pem[fields.Label].ToString();
        var der = Convert.FromBase64String(pem[fields.Base64Data].ToString());
        try
        {
            error = null;
            return label switch
            {
                "EC PRIVATE KEY" => Imported(ECDsa.Create(), k => k.ImportECPrivateKey(der, out _)),
                "PRIVATE KEY" => ImportPkcs8(der),
                _ => Imported(RSA.Create(), k => k.ImportRSAPrivateKey(der, out _)),
            };
        }
        catch (CryptographicException e)
        {
            error = $"cannot parse {label}: {e.Message}";
            return null;
        }
    }

    private static AsymmetricAlgorithm ImportPkcs8(byte[] der)
    {
        try
        {
            return Imported(RSA.Create(), k => k.ImportPkcs8PrivateKey(der, out _));
        }
        catch (CryptographicException)
        {
            return Imported(ECDsa.Create(), k => k.ImportPkcs8PrivateKey(der, out _));
        }
    }

    private static T Imported<T>(T key, Action<T> import)
        where T : AsymmetricAlgorithm
    {
        import(key);
        return key;
    }

    /// <summary>The DER SubjectPublicKeyInfo of a key, to compare it with a certificate's public key.</summary>
    public static byte[] PublicKeyInfo(AsymmetricAlgorithm key) => key switch
    {
        RSA rsa => rsa.ExportSubjectPublicKeyInfo(),
        ECDsa ec => ec.ExportSubjectPublicKeyInfo(),
        _ => [],
    };

    /// <summary>The algorithm name of a key, e.g. RSA-2048, or null for sizes and curves we do not issue.</summary>
    public static KeyAlgorithm? AlgorithmOf(AsymmetricAlgorithm key) => key switch
    {
        RSA { KeySize: 2048 } => KeyAlgorithm.Rsa2048,
        RSA { KeySize: 3072 } => KeyAlgorithm.Rsa3072,
        RSA { KeySize: 4096 } => KeyAlgorithm.Rsa4096,
        ECDsa ec => ec.ExportParameters(false).Curve.Oid.Value switch
        {
            "1.2.840.10045.3.1.7" => KeyAlgorithm.EcdsaP256,
            "1.3.132.0.34" => KeyAlgorithm.EcdsaP384,
            _ => null,
        },
        _ => null,
    };
}
