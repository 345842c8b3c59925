using System.Collections.Immutable;

namespace KamajiKubeconfig.Informers;

/// <summary>
/// The fixed set of named index functions of one cache, plus the key accessor. Fixed at construction so an index
/// can never be missing entries written before it was registered.
/// </summary>
internal sealed class CacheIndexers<T>
{
    public CacheIndexers(ObjectAccessor<T> accessor, IReadOnlyDictionary<string, Func<T, IEnumerable<string>>>? indexers)
    {
        Accessor = accessor;
        Functions = indexers is null
            ? ImmutableDictionary<string, Func<T, IEnumerable<string>>>.Empty
            : indexers.ToImmutableDictionary(StringComparer.Ordinal);
    }

    public ObjectAccessor<T> Accessor { get; }

    public ImmutableDictionary<string, Func<T, IEnumerable<string>>> Functions { get; }

    /// <summary>Distinct index values; an indexer returning null means "in no bucket".</summary>
    public static ImmutableHashSet<string> ValuesOf(Func<T, IEnumerable<string>> indexer, T? obj) =>
        obj is null ? [] : (indexer(obj) ?? []).ToImmutableHashSet(StringComparer.Ordinal);
}
