using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using KamajiKubeconfig.Chaos.Infrastructure;

namespace KamajiKubeconfig.Chaos.Checks;

/// <summary>
/// openssl as the independent judge of a client certificate: it must verify against the CA for client authentication
/// (<c>-purpose sslclient</c>: chain, signature, CA flags, clientAuth), and its public key must be the private key's.
/// Results are remembered per (certificate, key, CA), as the harness polls the same Secrets many times.
/// </summary>
public static class OpenSsl
{
    private static readonly ConcurrentDictionary<string, string?> Verdicts = new(StringComparer.Ordinal);
    private static readonly string Scratch = Directory.CreateTempSubdirectory("chaos-openssl-").FullName;

    /// <summary>Null when openssl accepts the pair; otherwise what it said.</summary>
    public static async Task<string?> CheckClientCertificateAsync(string certificatePem, string keyPem, string caPem)
    {
        var id = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(certificatePem + "\0" + keyPem + "\0" + caPem)));
        if (Verdicts.TryGetValue(id, out var known))
        {
            return known;
        }
        var dir = Directory.CreateDirectory(Path.Combine(Scratch, id[..16])).FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir, "leaf.pem"), certificatePem);
            await File.WriteAllTextAsync(Path.Combine(dir, "key.pem"), keyPem);
            await File.WriteAllTextAsync(Path.Combine(dir, "ca.pem"), caPem);
            // Time is judged by the harness (the sandbox may run with a clock offset); everything else by openssl.
            const string script = """
                set -e
                openssl verify -no_check_time -purpose sslclient -CAfile ca.pem leaf.pem >/dev/null
                a=$(openssl x509 -in leaf.pem -noout -pubkey | openssl pkey -pubin -outform DER | sha256sum)
                b=$(openssl pkey -in key.pem -pubout -outform DER | sha256sum)
                [ "$a" = "$b" ] || { echo "the client key does not belong to the certificate" >&2; exit 3; }
                """;
            var result = await ExternalTool.RunAsync("sh", ["-c", $"cd '{dir}' && {script}"]);
            var verdict = result.ExitCode == 0 ? null : $"openssl: {(result.Stderr + result.Stdout).Trim().ReplaceLineEndings(" ")}";
            Verdicts[id] = verdict;
            return verdict;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
