using System.Collections.Immutable;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Mapping;

/// <summary>
/// Trims Kamaji's Secrets before they are cached (docs/design.md, Caches): no CA or admin private key ever sits in
/// this process, and of each admin kubeconfig Secret only the keys some generator reads (its
/// <c>controlPlaneEndpointFrom</c>) are kept, each as the one template cluster it stands for, parsed once, with equal
/// templates sharing one instance. Kamaji writes four kubeconfigs per tenant; generators usually read one of them.
/// </summary>
public static class KamajiSecretTrimmer
{
    public static SecretInfo Trim(SecretInfo secret, IReadOnlySet<string> templateKeys) => secret.Labels.GetValueOrDefault(WellKnown.ComponentLabel) switch
    {
        "ca" => secret with { Data = secret.Data.Where(p => p.Key is WellKnown.CaCertificateKey).ToImmutableDictionary() },
        "admin-kubeconfig" => WithTemplates(secret with { Data = secret.Data.Where(p => templateKeys.Contains(p.Key)).ToImmutableDictionary() }),
        _ => secret,
    };

    /// <summary>A value that is no usable template stays as it is, so reconcile reports the same error it would have.</summary>
    private static SecretInfo WithTemplates(SecretInfo secret)
    {
        // The templates differ in their server at most: one copy of the (kilobytes long) CA data serves them all.
        var distinct = new Dictionary<KubeconfigCluster, KubeconfigCluster>();
        var caData = new Dictionary<Blob, Blob>();
        KubeconfigCluster Shared(KubeconfigCluster t) => distinct.TryGetValue(t, out var known) ? known
            : distinct[t] = t.CertificateAuthorityData is { } ca ? t with { CertificateAuthorityData = caData.TryAdd(ca, ca) ? ca : caData[ca] } : t;
        var templates = secret.Data
            .Select(p => (p.Key, Template: TemplateLoader.Parse(p.Value, p.Key, out _)))
            .Where(p => p.Template is not null)
            .ToImmutableDictionary(p => p.Key, p => Shared(p.Template!), StringComparer.Ordinal);
        return secret with { Data = secret.Data.RemoveRange(templates.Keys), Templates = templates };
    }
}
