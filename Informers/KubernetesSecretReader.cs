using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace KamajiKubeconfig.Informers;

/// <summary>
/// A direct GET for a Secret the caches do not hold (e.g. a referenced Secret outside the label selector).
/// Bypasses the informers on purpose; use it sparingly, for objects the controller reads rarely.
/// </summary>
public sealed class KubernetesSecretReader
{
    private readonly IKubernetes _client;

    public KubernetesSecretReader(IKubernetes client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    /// <summary>The Secret, or null when it does not exist (404 is an answer here, not a failure).</summary>
    public async Task<V1Secret?> GetAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.CoreV1.ReadNamespacedSecretAsync(key.Name, key.Namespace, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException ex) when (ex.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
