using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace KamajiKubeconfig.Reconcile;

/// <summary>
/// A generated kubeconfig reduced to what <see cref="KubeconfigValidity"/> reads (docs/design.md, "Caches"): the
/// layout, the cluster with its CA data as a digest, the client certificate (its DER for the signature check, and
/// the window and subject read from it once), and whether the client key matches it and of what type it is. The key itself is read once and dropped, so the cache holds no tenant's private key.
/// <see cref="Problem"/> is set when there is nothing more to judge (unreadable, or not our layout).
/// </summary>
public sealed record StoredKubeconfig(
    IssueReason? Problem, string? UserName, KubeconfigContext? Context, string? CurrentContext, KubeconfigCluster? Cluster,
    byte[]? CertificateDer, bool KeyMatches, KeyAlgorithm? KeyAlgorithm)
{
    public DateTimeOffset NotBefore { get; init; }

    public DateTimeOffset NotAfter { get; init; }

    /// <summary>The certificate's subject Name, DER-encoded.</summary>
    public byte[]? SubjectName { get; init; }

    private static readonly StoredKubeconfig Unreadable = new(IssueReason.Unreadable, null, null, null, null, null, false, null);

    public static StoredKubeconfig Read(byte[]? value)
    {
        var config = value is null ? null : KubeconfigReader.TryRead(Encoding.UTF8.GetString(value), out _);
        if (config is null)
        {
            return Unreadable;
        }
        // Exactly what the controller writes: one cluster, user and context, and the user holding only the client
        // certificate and key. An added exec plugin, token or file reference changes what using the kubeconfig does.
        if (config.UnexpectedFields.Count > 0 || config.Clusters.Count != 1 || config.Users.Count != 1 || config.Contexts.Count != 1)
        {
            return Unreadable with { Problem = IssueReason.LayoutChanged };
        }
        var user = config.Users[0];
        var layout = new StoredKubeconfig(null, user.Name, config.Contexts[0], config.CurrentContext, Digested(config.Clusters[0]), null, false, null);
        // Read from its DER, not by OpenSSL (CertificateFields): a restart reads one per tenant.
        var certificate = Attempt(() => CertificateFields.FromPem(DecodeBase64(user.ClientCertificateData)));
        using var key = certificate is null ? null : Attempt(() => PemKeys.TryRead(DecodeBase64(user.ClientKeyData), out _));
        return certificate is null ? layout : layout with
        {
            CertificateDer = certificate.Der,
            NotBefore = certificate.NotBefore,
            NotAfter = certificate.NotAfter,
            SubjectName = certificate.SubjectName,
            KeyMatches = key is not null && PemKeys.PublicKeyInfo(key).AsSpan().SequenceEqual(certificate.PublicKeyInfo),
            KeyAlgorithm = key is null ? null : PemKeys.AlgorithmOf(key),
        };
    }

    /// <summary>Null for anything that does not parse: the text may come from anyone who can edit the Secret.</summary>
    private static T? Attempt<T>(Func<T?> read)
        where T : class
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is CryptographicException or AsnContentException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>What <see cref="Read"/> returns for a kubeconfig the issuer just wrote, without parsing it back.</summary>
    public static StoredKubeconfig Issued(IssueRequest request, X509Certificate2 certificate) => WithCertificate(new(
        null, request.GeneratorName, new KubeconfigContext(request.GeneratorName, request.Cluster.Name, request.GeneratorName), request.GeneratorName,
        Digested(request.Cluster), null, true, request.KeyAlgorithm), certificate);

    private static StoredKubeconfig WithCertificate(StoredKubeconfig stored, X509Certificate2 certificate) => stored with
    {
        CertificateDer = certificate.RawData,
        NotBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
        NotAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero),
        SubjectName = certificate.SubjectName.RawData,
    };

    /// <summary>The cluster with its certificate-authority-data replaced by its SHA-256 digest.</summary>
    public static KubeconfigCluster Digested(KubeconfigCluster cluster) => cluster with { CertificateAuthorityData = cluster.CertificateAuthorityData?.Sha256() };

    /// <summary>The text <paramref name="base64"/> encodes (PEM is ASCII), or null when it is absent or not base64.</summary>
    internal static string? DecodeBase64(string? base64)
    {
        var buffer = new byte[base64?.Length ?? 0];
        return base64 is not null && Convert.TryFromBase64String(base64, buffer, out var written) ? Encoding.ASCII.GetString(buffer, 0, written) : null;
    }

    public override string ToString() => $"StoredKubeconfig {{ Problem = {Problem}, Cluster = {Cluster?.Name}, KeyMatches = {KeyMatches} }}";
}
