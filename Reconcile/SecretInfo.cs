using System.Collections.Immutable;

namespace KamajiKubeconfig.Reconcile;

/// <summary>A Secret trimmed to what reconcile reads. Data values are raw bytes, never logged.</summary>
public sealed record SecretInfo(
    string Namespace,
    string Name,
    string ResourceVersion,
    SortedMap Labels,
    SortedMap Annotations,
    EquatableList<OwnerReference> OwnerReferences,
    ImmutableDictionary<string, byte[]> Data)
{
    public ObjectRef Ref => new(Namespace, Name);

    /// <summary>An admin kubeconfig Secret's templates as cached, by data key, in place of their values (then absent from <see cref="Data"/>).</summary>
    public ImmutableDictionary<string, KubeconfigCluster>? Templates { get; init; }

    /// <summary>A generated Secret's kubeconfig as cached, in place of its <c>value</c> (then absent from <see cref="Data"/>).</summary>
    public StoredKubeconfig? Kubeconfig { get; init; }

    public bool IsPaused => Annotations.ContainsKey(WellKnown.PausedAnnotation);

    public byte[]? Get(string key) => Data.TryGetValue(key, out var value) ? value : null;

    /// <summary>
    /// This generated Secret as the cache keeps it: its kubeconfig read, or found in <paramref name="memo"/> when this
    /// process issued it, and its data dropped. Content written by others is not remembered: edits cannot grow the memo.
    /// </summary>
    public SecretInfo WithoutValue(IValidityMemo memo) => this with
    {
        Data = ImmutableDictionary<string, byte[]>.Empty,
        Kubeconfig = Get(WellKnown.ValueKey) is { } value ? memo.Find<StoredKubeconfig>(KubeconfigContentKey.Of(value)) ?? StoredKubeconfig.Read(value) : StoredKubeconfig.Read(null),
    };
}

public sealed record OwnerReference(string ApiVersion, string Kind, string Name, string Uid, bool Controller, bool BlockOwnerDeletion);
