using System.Collections.Immutable;
using k8s.Models;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Mapping;

/// <summary>Maps the client's Namespace and Secret models (mutable, nullable-oblivious) to our records.</summary>
public static class CoreMapper
{
    public static NamespaceInfo FromNamespace(V1Namespace ns) =>
        new(ns.Metadata?.Name ?? "", SortedMap.From(ns.Metadata?.Labels), ns.Metadata?.ResourceVersion ?? "");

    public static SecretInfo FromSecret(V1Secret secret) => new(
        secret.Metadata?.NamespaceProperty ?? "",
        secret.Metadata?.Name ?? "",
        secret.Metadata?.ResourceVersion ?? "",
        SortedMap.From(secret.Metadata?.Labels),
        SortedMap.From(secret.Metadata?.Annotations),
        (secret.Metadata?.OwnerReferences ?? []).Select(o => new OwnerReference(
            o.ApiVersion ?? "", o.Kind ?? "", o.Name ?? "", o.Uid ?? "", o.Controller ?? false, o.BlockOwnerDeletion ?? false)).ToEquatableList(),
        (secret.Data ?? new Dictionary<string, byte[]>()).ToImmutableDictionary(StringComparer.Ordinal));
}
