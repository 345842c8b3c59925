using System.Security.Cryptography.X509Certificates;

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
        StoredKubeconfig stored, KubeconfigCluster template, string generatorName, Identity identity, KeyAlgorithm algorithm, CertificateAuthority ca)
    {
        if (stored.Problem is { } problem)
        {
            return new(problem, default, default);
        }
        // Our names in the one user and context: another layout is reissued, never counted as available.
        if (stored.UserName != generatorName || stored.Context != new KubeconfigContext(generatorName, template.Name, generatorName)
            || stored.CurrentContext != generatorName)
        {
            return new(IssueReason.LayoutChanged, default, default);
        }
        var expected = StoredKubeconfig.Digested(template);
        if (stored.Cluster!.CertificateAuthorityData != expected.CertificateAuthorityData)
        {
            return new(IssueReason.CertificateAuthorityChanged, default, default);
        }
        if (stored.Cluster != expected)
        {
            return new(IssueReason.EndpointChanged, default, default);
        }
        if (stored.CertificateDer is null)
        {
            return new(IssueReason.InvalidCertificate, default, default);
        }
        // The certificate was parsed when the Secret was cached, the CA when it was loaded: neither is parsed here.
        var reason = !CertificateSignature.IsSignedBy(stored.CertificateDer, ca.SubjectName, ca.PublicKeyInfo) ? IssueReason.CertificateAuthorityChanged
            : !stored.KeyMatches ? IssueReason.KeyMismatch
            : !SubjectMatches(new X500DistinguishedName(stored.SubjectName!), identity) ? IssueReason.IdentityChanged
            : stored.KeyAlgorithm != algorithm ? IssueReason.KeyAlgorithmChanged
            : (IssueReason?)null;
        return new(reason, stored.NotBefore, stored.NotAfter);
    }

    private static bool SubjectMatches(X500DistinguishedName subject, Identity identity)
    {
        var names = subject.EnumerateRelativeDistinguishedNames().ToList();
        var commonNames = names.Where(n => n.GetSingleElementType().Value == "2.5.4.3").Select(n => n.GetSingleElementValue()).ToList();
        var organizations = names.Where(n => n.GetSingleElementType().Value == "2.5.4.10")
            .Select(n => n.GetSingleElementValue() ?? "").Distinct().Order(StringComparer.Ordinal);
        return commonNames.Count == 1 && commonNames[0] == identity.User && organizations.SequenceEqual(identity.Groups);
    }
}
