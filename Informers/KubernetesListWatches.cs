using System.Text.Json;
using k8s;
using k8s.Models;

namespace KamajiKubeconfig.Informers;

/// <summary>
/// The list/watch sources the controller needs. A first page is read at the resourceVersion the informer asks for
/// ("0", "" or N); continue pages send only the token, because a resourceVersion next to a continue token is
/// rejected. Every watch asks for bookmarks.
/// </summary>
public static class KubernetesListWatches
{
    /// <summary>All namespaces.</summary>
    public static KubernetesListWatch<V1Namespace> Namespaces(IKubernetes client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new KubernetesListWatch<V1Namespace>(
            async (resourceVersion, continueToken, limit, ct) =>
            {
                var list = await client.CoreV1.ListNamespaceAsync(
                    continueParameter: continueToken, limit: limit, resourceVersion: resourceVersion, cancellationToken: ct);
                return Page(list.Items, list.Metadata);
            },
            (resourceVersion, timeoutSeconds, onError, ct) => client.CoreV1.WatchListNamespaceAsync(
                allowWatchBookmarks: true, resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds,
                onError: onError, cancellationToken: ct),
            ns => ns.Metadata?.ResourceVersion);
    }

    /// <summary>Secrets in every namespace matching <paramref name="labelSelector"/>, e.g. "a=b,c in (d)".</summary>
    public static KubernetesListWatch<V1Secret> Secrets(IKubernetes client, string labelSelector)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(labelSelector);
        return new KubernetesListWatch<V1Secret>(
            async (resourceVersion, continueToken, limit, ct) =>
            {
                var list = await client.CoreV1.ListSecretForAllNamespacesAsync(
                    continueParameter: continueToken, labelSelector: labelSelector, limit: limit,
                    resourceVersion: resourceVersion, cancellationToken: ct);
                return Page(list.Items, list.Metadata);
            },
            (resourceVersion, timeoutSeconds, onError, ct) => client.CoreV1.WatchListSecretForAllNamespacesAsync(
                allowWatchBookmarks: true, labelSelector: labelSelector, resourceVersion: resourceVersion,
                timeoutSeconds: timeoutSeconds, onError: onError, cancellationToken: ct),
            secret => secret.Metadata?.ResourceVersion);
    }

    /// <summary>A namespaced custom resource, across all namespaces (e.g. TenantControlPlanes).</summary>
    public static KubernetesListWatch<JsonElement> NamespacedCustomObjects(
        IKubernetes client, string group, string version, string plural, string? labelSelector = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new KubernetesListWatch<JsonElement>(
            async (resourceVersion, continueToken, limit, ct) => JsonPage(await client.CustomObjects.ListCustomObjectForAllNamespacesAsync<JsonElement>(
                group, version, plural, continueParameter: continueToken, labelSelector: labelSelector, limit: limit,
                resourceVersion: resourceVersion, cancellationToken: ct)),
            (resourceVersion, timeoutSeconds, onError, ct) => AsJson(client.CustomObjects.WatchListCustomObjectForAllNamespacesAsync(
                group, version, plural, allowWatchBookmarks: true, labelSelector: labelSelector, resourceVersion: resourceVersion,
                timeoutSeconds: timeoutSeconds, onError: onError, cancellationToken: ct)),
            JsonMetadata.ResourceVersion);
    }

    /// <summary>A cluster-scoped custom resource (e.g. KubeconfigGenerators).</summary>
    public static KubernetesListWatch<JsonElement> ClusterCustomObjects(
        IKubernetes client, string group, string version, string plural, string? labelSelector = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new KubernetesListWatch<JsonElement>(
            async (resourceVersion, continueToken, limit, ct) => JsonPage(await client.CustomObjects.ListClusterCustomObjectAsync<JsonElement>(
                group, version, plural, continueParameter: continueToken, labelSelector: labelSelector, limit: limit,
                resourceVersion: resourceVersion, cancellationToken: ct)),
            (resourceVersion, timeoutSeconds, onError, ct) => AsJson(client.CustomObjects.WatchListClusterCustomObjectAsync(
                group, version, plural, allowWatchBookmarks: true, labelSelector: labelSelector, resourceVersion: resourceVersion,
                timeoutSeconds: timeoutSeconds, onError: onError, cancellationToken: ct)),
            JsonMetadata.ResourceVersion);
    }

    private static ListPage<T> Page<T>(IList<T>? items, V1ListMeta? metadata) => new(
        items is null ? [] : [.. items],
        metadata?.ResourceVersion ?? string.Empty,
        string.IsNullOrEmpty(metadata?.ContinueProperty) ? null : metadata.ContinueProperty);

    private static ListPage<JsonElement> JsonPage(JsonElement list)
    {
        var continueToken = JsonMetadata.ListContinue(list);
        return new ListPage<JsonElement>(
            JsonMetadata.Items(list),
            JsonMetadata.ResourceVersion(list),
            continueToken.Length == 0 ? null : continueToken);
    }

    // The custom-object watch yields `object`; System.Text.Json materialises it as a JsonElement.
    private static async IAsyncEnumerable<(WatchEventType, JsonElement)> AsJson(IAsyncEnumerable<(WatchEventType, object)> events)
    {
        await foreach (var (type, item) in events)
        {
            yield return (type, item is JsonElement json ? json : KubernetesJson.Deserialize<JsonElement>(KubernetesJson.Serialize(item)));
        }
    }
}
