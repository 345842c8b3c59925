using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Tls;

namespace KamajiKubeconfig.Sandbox.Kamaji;

/// <summary>The contents of Kamaji's `&lt;tcp&gt;-ca` and `&lt;tcp&gt;-admin-kubeconfig` Secrets (kamaji-reference 2.3, 2.4).</summary>
public static class KamajiSecrets
{
    public static string KeyPem(AsymmetricAlgorithm key) => key switch
    {
        RSA rsa => rsa.ExportRSAPrivateKeyPem(),
        ECDsa ec => ec.ExportECPrivateKeyPem(),
        _ => throw new ArgumentException("unsupported key", nameof(key)),
    };

    public static JsonObject CaData(string certificatePem, string keyPem) => new()
    {
        ["ca.crt"] = B64(certificatePem),
        ["ca.key"] = B64(keyPem),
        ["tls.crt"] = B64(certificatePem),
        ["tls.key"] = B64(keyPem),
    };

    /// <summary>One complete kubeconfig: cluster named after the TCP, user, context "user@tcp" (kubeadm layout).</summary>
    public static string Kubeconfig(string tcpName, string server, string caDataPem, string user, string certificatePem, string keyPem)
    {
        var context = $"{user}@{tcpName}";
        return $"""
            apiVersion: v1
            clusters:
            - cluster:
                certificate-authority-data: {B64(caDataPem)}
                server: {server}
              name: {tcpName}
            contexts:
            - context:
                cluster: {tcpName}
                user: {user}
              name: {context}
            current-context: {context}
            kind: Config
            preferences: {"{}"}
            users:
            - name: {user}
              user:
                client-certificate-data: {B64(certificatePem)}
                client-key-data: {B64(keyPem)}

            """;
    }

    /// <summary>Issues the client certificate of an admin kubeconfig entry with a fresh key of the CA's algorithm.</summary>
    public static (string CertificatePem, string KeyPem) IssueClient(CertificateAuthority ca, string user, string group, bool ecdsa)
    {
        using AsymmetricAlgorithm key = ecdsa ? ECDsa.Create(ECCurve.NamedCurves.nistP256) : RSA.Create(2048);
        using var certificate = ca.IssueClientCertificate(user, [group], key, TimeSpan.FromDays(365));
        return (certificate.ExportCertificatePem(), KeyPem(key));
    }

    public static string Checksum(JsonObject data)
    {
        var text = string.Join("\n", data.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();
    }

    public static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    public static string FromB64(string? text) => text is null ? "" : Encoding.UTF8.GetString(Convert.FromBase64String(text));

    /// <summary>Reads a CA (certificate + key) back from a CA Secret's data, e.g. one that existed before.</summary>
    public static CertificateAuthority? ReadCa(JsonObject? data)
    {
        if (data?["ca.crt"] is null || data["ca.key"] is null)
        {
            return null;
        }
        try
        {
            var certificate = X509Certificate2.CreateFromPem(FromB64(data["ca.crt"]!.GetValue<string>()), FromB64(data["ca.key"]!.GetValue<string>()));
            return CertificateAuthority.FromCertificate(certificate);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
