using System.Text;

namespace KamajiKubeconfig.Reconcile;

/// <summary>Reads the template cluster from the TCP's admin kubeconfig Secret, with Kamaji's error texts (docs/behaviour.md A5).</summary>
public static class TemplateLoader
{
    public static KubeconfigCluster? Load(TenantControlPlane tcp, string endpointKey, IClusterView cluster, IValidityMemo memo, out string? error)
    {
        if (string.IsNullOrEmpty(tcp.AdminSecretName))
        {
            error = "the admin kubeconfig is not yet generated";
            return null;
        }
        // A name read from the TCP is checked before it is used, and only ever looked up in the TCP's own namespace.
        var invalid = ObjectNames.Problem("status.kubeconfig.admin.secretName", tcp.AdminSecretName);
        var secret = invalid is null ? cluster.GetSecret(new ObjectRef(tcp.Namespace, tcp.AdminSecretName)) : null;
        if (secret is null)
        {
            error = $"an error occurred retrieving the admin Kubeconfig: {invalid ?? $"secrets {GoFormat.Quote(tcp.AdminSecretName)} not found"}";
            return null;
        }
        if (secret.Templates?.GetValueOrDefault(endpointKey) is { } cached)
        {
            error = null;
            return cached;
        }
        (var template, error) = memo.GetOrAdd(new TemplateKey(secret.Ref, secret.ResourceVersion, endpointKey),
            () => (Parse(secret.Get(endpointKey), endpointKey, out var problem), problem));
        return template;
    }

    /// <summary>
    /// The cluster a template stands for: the one its current context names, else the first (kubeadm writes exactly
    /// one); null when it has none.
    /// </summary>
    public static KubeconfigCluster? ChooseCluster(Kubeconfig config)
    {
        var contextCluster = config.Contexts.FirstOrDefault(c => c.Name == config.CurrentContext)?.Cluster;
        return config.Clusters.FirstOrDefault(c => c.Name == contextCluster) ?? (config.Clusters.Count > 0 ? config.Clusters[0] : null);
    }

    /// <summary>The template in one data value of the admin kubeconfig Secret, or null and Kamaji's error text.</summary>
    public static KubeconfigCluster? Parse(byte[]? data, string endpointKey, out string? error)
    {
        string? problem = null;
        // Only the cluster is used: the admin's own certificate and key are not copied out of the text.
        var config = data is null ? null : KubeconfigReader.TryRead(Encoding.UTF8.GetString(data), out problem, withCredentials: false);
        var chosen = config is null ? null : ChooseCluster(config);
        problem = data is null ? $"the given key is not available in the kubeconfig Secret: {endpointKey}"
            : config is null ? problem
            : chosen is null ? "the kubeconfig has no cluster"
            : string.IsNullOrEmpty(chosen.Server) ? $"the cluster {GoFormat.Quote(chosen.Name)} has no server"
            : null;
        error = problem is null ? null : $"unable to decode Kubeconfig template: {problem}";
        return error is null ? chosen : null;
    }
}
