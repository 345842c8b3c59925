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

    public bool IsPaused => Annotations.ContainsKey(WellKnown.PausedAnnotation);

    public byte[]? Get(string key) => Data.TryGetValue(key, out var value) ? value : null;
}

public sealed record OwnerReference(string ApiVersion, string Kind, string Name, string Uid, bool Controller, bool BlockOwnerDeletion);
