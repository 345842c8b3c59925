using System.Text.Json;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace KamajiKubeconfig.Informers;

/// <summary>The list/watch sources the controller needs; every watch asks for bookmarks.</summary>
public static class KubernetesListWatches
{
    public static KubernetesListWatch<V1Namespace> Namespaces(IKubernetes client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new(
            async (resourceVersion, continueToken, limit, ct) => Page(await client.CoreV1.ListNamespaceAsync(
                continueParameter: continueToken, limit: limit, resourceVersion: resourceVersion, cancellationToken: ct)),
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
        return new(
            async (resourceVersion, continueToken, limit, ct) => Page(await client.CoreV1.ListSecretForAllNamespacesAsync(
                continueParameter: continueToken, labelSelector: labelSelector, limit: limit, resourceVersion: resourceVersion, cancellationToken: ct)),
            (resourceVersion, timeoutSeconds, onError, ct) => client.CoreV1.WatchListSecretForAllNamespacesAsync(
                allowWatchBookmarks: true, labelSelector: labelSelector, resourceVersion: resourceVersion,
                timeoutSeconds: timeoutSeconds, onError: onError, cancellationToken: ct),
            secret => secret.Metadata?.ResourceVersion);
    }

    /// <summary>A namespaced custom resource, across all namespaces (e.g. TenantControlPlanes).</summary>
    public static KubernetesListWatch<JsonElement> NamespacedCustomObjects(IKubernetes client, string group, string version, string plural)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new(
            async (resourceVersion, continueToken, limit, ct) => Page(await client.CustomObjects.ListCustomObjectForAllNamespacesAsync<JsonList>(
                group, version, plural, continueParameter: continueToken, limit: limit, resourceVersion: resourceVersion, cancellationToken: ct)),
            (resourceVersion, timeoutSeconds, onError, ct) => AsJson(client.CustomObjects.WatchListCustomObjectForAllNamespacesAsync(
                group, version, plural, allowWatchBookmarks: true, resourceVersion: resourceVersion,
                timeoutSeconds: timeoutSeconds, onError: onError, cancellationToken: ct)),
            ResourceVersionOf);
    }

    /// <summary>A cluster-scoped custom resource (e.g. KubeconfigGenerators).</summary>
    public static KubernetesListWatch<JsonElement> ClusterCustomObjects(IKubernetes client, string group, string version, string plural)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new(
            async (resourceVersion, continueToken, limit, ct) => Page(await client.CustomObjects.ListClusterCustomObjectAsync<JsonList>(
                group, version, plural, continueParameter: continueToken, limit: limit, resourceVersion: resourceVersion, cancellationToken: ct)),
            (resourceVersion, timeoutSeconds, onError, ct) => AsJson(client.CustomObjects.WatchListClusterCustomObjectAsync(
                group, version, plural, allowWatchBookmarks: true, resourceVersion: resourceVersion,
                timeoutSeconds: timeoutSeconds, onError: onError, cancellationToken: ct)),
            ResourceVersionOf);
    }

    /// <summary>Every list type of the client carries <see cref="V1ListMeta"/>; its items may be null.</summary>
    private static ListPage<T> Page<T>(IItems<T> list)
    {
        var metadata = ((IMetadata<V1ListMeta>)list).Metadata;
        return new(
            list.Items is null ? [] : [.. list.Items],
            metadata?.ResourceVersion ?? string.Empty,
            string.IsNullOrEmpty(metadata?.ContinueProperty) ? null : metadata.ContinueProperty);
    }

    // Only the watch needs a custom object's version; a missing one reads as "".
    private static string? ResourceVersionOf(JsonElement obj) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty("metadata", out var metadata)
        && metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty("resourceVersion", out var value)
        && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // The custom-object watch yields `object`; System.Text.Json materialises it as a JsonElement.
    private static async IAsyncEnumerable<(WatchEventType, JsonElement)> AsJson(IAsyncEnumerable<(WatchEventType, object)> events)
    {
        await foreach (var (type, item) in events)
        {
            yield return (type, item is JsonElement json ? json : KubernetesJson.Deserialize<JsonElement>(KubernetesJson.Serialize(item)));
        }
    }

    /// <summary>A custom resource list: its items stay raw JSON for their mapper.</summary>
    internal sealed class JsonList : IItems<JsonElement>, IMetadata<V1ListMeta>
    {
        [JsonPropertyName("items")]
        public IList<JsonElement> Items { get; set; } = [];

        [JsonPropertyName("metadata")]
        public V1ListMeta Metadata { get; set; } = new();
    }
}

/// <summary>
/// Generated decoding for <see cref="KubernetesListWatches.JsonList"/>: the client decodes types it has no generated
/// code for by reflection, which a Native AOT build cannot do for a list of <see cref="JsonElement"/>.
/// <see cref="KubernetesDecoding"/> puts it first in the client's resolvers.
/// </summary>
[JsonSerializable(typeof(KubernetesListWatches.JsonList))]
internal sealed partial class CustomObjectListContext : JsonSerializerContext;
