using System.Collections.Immutable;
using k8s.Models;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Mapping;

/// <summary>
/// Maps the client's Namespace and Secret models (mutable, nullable-oblivious) to our records. Repeated strings
/// (namespaces, keys, label values, owner kinds, and the owning TCP's name and uid) go through <see cref="StringPool"/>; annotation values, which are
/// often long and unique, do not.
/// </summary>
public static class CoreMapper
{
    private static StringPool Pool => StringPool.Shared;

    public static NamespaceInfo FromNamespace(V1Namespace ns) =>
        new(Pool.Intern(ns.Metadata?.Name ?? ""), Pool.Map(ns.Metadata?.Labels), ns.Metadata?.ResourceVersion ?? "");

    public static SecretInfo FromSecret(V1Secret secret) => new(
        Pool.Intern(secret.Metadata?.NamespaceProperty ?? ""),
        secret.Metadata?.Name ?? "",
        secret.Metadata?.ResourceVersion ?? "",
        Pool.Map(secret.Metadata?.Labels),
        SortedMap.From(secret.Metadata?.Annotations?.Select(p => KeyValuePair.Create(Pool.Intern(p.Key), p.Value))),
        (secret.Metadata?.OwnerReferences ?? []).Select(o => new OwnerReference(
            Pool.Intern(o.ApiVersion ?? ""), Pool.Intern(o.Kind ?? ""), Pool.Intern(o.Name ?? ""), Pool.Intern(o.Uid ?? ""), o.Controller ?? false, o.BlockOwnerDeletion ?? false)).ToEquatableList(),
        (secret.Data ?? new Dictionary<string, byte[]>()).ToImmutableDictionary(p => Pool.Intern(p.Key), p => p.Value, StringComparer.Ordinal));
}
