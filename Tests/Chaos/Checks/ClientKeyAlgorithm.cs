using System.Security.Cryptography;

namespace KamajiKubeconfig.Chaos.Checks;

/// <summary>The spec's <c>certificate.privateKey.algorithm</c> values and how to recognise a key of each.</summary>
public static class ClientKeyAlgorithm
{
    public const string Default = "RSA-2048";

    /// <summary>Null when the PEM key is of <paramref name="algorithm"/> in the PEM form the spec asks for.</summary>
    public static string? Problem(string keyPem, string algorithm)
    {
        var rsaSize = algorithm switch { "RSA-2048" => 2048, "RSA-3072" => 3072, "RSA-4096" => 4096, _ => 0 };
        try
        {
            if (rsaSize > 0)
            {
                if (!keyPem.Contains("-----BEGIN RSA PRIVATE KEY-----", StringComparison.Ordinal))
                {
                    return "the client key is not a PKCS#1 RSA PRIVATE KEY";
                }
                using var rsa = RSA.Create();
                rsa.ImportFromPem(keyPem);
                return rsa.KeySize == rsaSize ? null : $"the client key has {rsa.KeySize} bits, not {rsaSize}";
            }
            if (!keyPem.Contains("-----BEGIN EC PRIVATE KEY-----", StringComparison.Ordinal))
            {
                return "the client key is not a SEC1 EC PRIVATE KEY";
            }
            using var ec = ECDsa.Create();
            ec.ImportFromPem(keyPem);
            var curve = ec.ExportParameters(false).Curve.Oid.FriendlyName;
            var wanted = algorithm == "ECDSA-P384" ? "nistP384" : "nistP256";
            return curve == wanted || (wanted == "nistP256" && curve == "ECDSA_P256") || (wanted == "nistP384" && curve == "ECDSA_P384")
                ? null : $"the client key is on curve {curve}, not {wanted}";
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            return $"unreadable client key: {e.Message}";
        }
    }
}
