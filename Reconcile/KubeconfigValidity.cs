using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace KamajiKubeconfig.Reconcile;

/// <summary>
/// What inspecting a kubeconfig found, independent of the time: a reason to reissue, or the certificate's window.
/// Expensive to compute (parsing, signature check), so it is what <see cref="IValidityMemo"/> remembers.
/// </summary>
public readonly record struct KubeconfigFacts(IssueReason? Reason, DateTimeOffset NotBefore, DateTimeOffset NotAfter);

/// <summary>
/// Decides whether an existing generated kubeconfig is still good (docs/behaviour.md A4, B8): same layout as we write,
/// same cluster as the template, a certificate that parses, chains to the current CA, matches its key, carries the
/// resolved identity and requested key type, and is not within the renewal window.
/// </summary>
public static class KubeconfigValidity
{
    /// <summary>The time-dependent half: <paramref name="facts"/> with not yet valid or inside the renewal window as reasons.</summary>
    public static KubeconfigFacts Judge(KubeconfigFacts facts, CertificateAuthority ca, DateTimeOffset now, TimeSpan renewBefore)
    {
        // A certificate capped at the CA's own expiry cannot be improved by reissuing: renewing it would loop.
        var cappedByCa = facts.NotAfter >= ca.NotAfter;
        return facts.Reason is not null ? facts
            : facts.NotBefore > now ? facts with { Reason = IssueReason.NotYetValid }
            : facts.NotAfter - renewBefore <= now && !cappedByCa ? facts with { Reason = IssueReason.Expiring }
            : facts;
    }

    /// <summary>The time-independent half: layout, template, chain, key, identity and key type.</summary>
    public static KubeconfigFacts Inspect(
        byte[]? value, KubeconfigCluster template, string generatorName, Identity identity, KeyAlgorithm algorithm, CertificateAuthority ca)
    {
        var config = value is null ? null : KubeconfigReader.TryRead(Encoding.UTF8.GetString(value), out _);
        if (config is null)
        {
            return new(IssueReason.Unreadable, default, default);
        }
        // Exactly what the controller writes: one cluster, user and context with our names, and the user holding
        // only the client certificate and key. An added exec plugin, token or file reference changes what using the
        // kubeconfig does, so it is reissued, never counted as available.
        if (config.UnexpectedFields.Count > 0 || config.Clusters.Count != 1 || config.Users.Count != 1 || config.Contexts.Count != 1
            || config.Users[0].Name != generatorName || config.Contexts[0] != new KubeconfigContext(generatorName, template.Name, generatorName)
            || config.CurrentContext != generatorName)
        {
            return new(IssueReason.LayoutChanged, default, default);
        }
        var cluster = config.Clusters[0];
        if (DecodeBase64(cluster.CertificateAuthorityData) != DecodeBase64(template.CertificateAuthorityData))
        {
            return new(IssueReason.CertificateAuthorityChanged, default, default);
        }
        if (cluster != template with { CertificateAuthorityData = cluster.CertificateAuthorityData })
        {
            return new(IssueReason.EndpointChanged, default, default);
        }
        return InspectCertificate(config.Users[0], identity, algorithm, ca);
    }

    private static KubeconfigFacts InspectCertificate(KubeconfigUser user, Identity identity, KeyAlgorithm algorithm, CertificateAuthority ca)
    {
        using var certificate = ReadCertificate(user.ClientCertificateData);
        if (certificate is null)
        {
            return new(IssueReason.InvalidCertificate, default, default);
        }
        var notBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);
        var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        using var caCertificate = ca.Open();
        if (!CertificateSignature.IsSignedBy(certificate, caCertificate))
        {
            return new(IssueReason.CertificateAuthorityChanged, notBefore, notAfter);
        }
        using var key = DecodeBase64(user.ClientKeyData) is { } keyPem ? PemKeys.TryRead(keyPem, out _) : null;
        if (key is null || !PemKeys.PublicKeyInfo(key).AsSpan().SequenceEqual(certificate.PublicKey.ExportSubjectPublicKeyInfo()))
        {
            return new(IssueReason.KeyMismatch, notBefore, notAfter);
        }
        if (!SubjectMatches(certificate, identity))
        {
            return new(IssueReason.IdentityChanged, notBefore, notAfter);
        }
        if (PemKeys.AlgorithmOf(key) != algorithm)
        {
            return new(IssueReason.KeyAlgorithmChanged, notBefore, notAfter);
        }
        return new(null, notBefore, notAfter);
    }

    private static bool SubjectMatches(X509Certificate2 certificate, Identity identity)
    {
        var names = certificate.SubjectName.EnumerateRelativeDistinguishedNames().ToList();
        var commonNames = names.Where(n => n.GetSingleElementType().Value == "2.5.4.3").Select(n => n.GetSingleElementValue()).ToList();
        var organizations = names.Where(n => n.GetSingleElementType().Value == "2.5.4.10")
            .Select(n => n.GetSingleElementValue() ?? "").Distinct().Order(StringComparer.Ordinal);
        return commonNames.Count == 1 && commonNames[0] == identity.User && organizations.SequenceEqual(identity.Groups);
    }

    private static X509Certificate2? ReadCertificate(string? base64)
    {
        try
        {
            return DecodeBase64(base64) is { } pem ? X509Certificate2.CreateFromPem(pem) : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static string? DecodeBase64(string? base64)
    {
        var buffer = new byte[base64?.Length ?? 0];
        return base64 is not null && Convert.TryFromBase64String(base64, buffer, out var written) ? Encoding.ASCII.GetString(buffer, 0, written) : null;
    }
}
