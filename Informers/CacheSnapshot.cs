using System.Collections.Immutable;

namespace KamajiKubeconfig.Informers;

/// <summary>
/// One immutable state of a cache: objects, the namespace index and every registered index, always consistent
/// with each other because they are replaced together. Holding a snapshot is free and it never changes.
/// </summary>
public sealed class CacheSnapshot<T> : ICacheReader<T>
    where T : class
{
    private readonly ObjectAccessor<T> _accessor;
    private readonly ImmutableDictionary<string, Func<T, IEnumerable<string>>> _indexers;
    private readonly ImmutableDictionary<ObjectKey, T> _items;
    private readonly IndexTable _byNamespace;
    private readonly ImmutableDictionary<string, IndexTable> _indexes;

    private CacheSnapshot(
        ObjectAccessor<T> accessor,
        ImmutableDictionary<string, Func<T, IEnumerable<string>>> indexers,
        ImmutableDictionary<ObjectKey, T> items,
        IndexTable byNamespace,
        ImmutableDictionary<string, IndexTable> indexes)
    {
        _accessor = accessor;
        _indexers = indexers;
        _items = items;
        _byNamespace = byNamespace;
        _indexes = indexes;
    }

    public int Count => _items.Count;

    public T? Get(ObjectKey key) => _items.GetValueOrDefault(key);

    public IEnumerable<T> List() => _items.Values;

    public IReadOnlyList<T> ListByNamespace(string @namespace) => Resolve(_byNamespace, @namespace);

    public IReadOnlyList<T> ByIndex(string indexName, string value) => _indexes.TryGetValue(indexName, out var table)
        ? Resolve(table, value)
        : throw new ArgumentException($"No index named '{indexName}' was registered.", nameof(indexName));

    internal static CacheSnapshot<T> Build(
        ObjectAccessor<T> accessor, ImmutableDictionary<string, Func<T, IEnumerable<string>>> indexers, IEnumerable<T> objects)
    {
        var items = ImmutableDictionary.CreateBuilder<ObjectKey, T>();
        foreach (var obj in objects)
        {
            // A list never holds a key twice; if a source misbehaves, the later object wins, as a watch would.
            items[accessor.KeyOf(obj)] = obj;
        }

        var byNamespace = IndexTable.Build(items.Keys.Select(k => (k, (IEnumerable<string>)[k.Namespace])));
        var indexes = indexers.ToImmutableDictionary(
            f => f.Key,
            f => IndexTable.Build(items.Select(i => (i.Key, (IEnumerable<string>)ValuesOf(f.Value, i.Value)))),
            StringComparer.Ordinal);
        return new(accessor, indexers, items.ToImmutable(), byNamespace, indexes);
    }

    /// <summary>A snapshot of <paramref name="objects"/> alone, with the same indexes.</summary>
    internal CacheSnapshot<T> Rebuild(IEnumerable<T> objects) => Build(_accessor, _indexers, objects);

    internal CacheSnapshot<T> Upsert(T obj, out T? old)
    {
        var key = _accessor.KeyOf(obj);
        old = Get(key);
        var byNamespace = old is null ? _byNamespace.Move(key, [], [key.Namespace]) : _byNamespace;
        return new(_accessor, _indexers, _items.SetItem(key, obj), byNamespace, Reindex(key, old, obj));
    }

    internal CacheSnapshot<T> Delete(ObjectKey key, out T? old)
    {
        old = Get(key);
        return old is null
            ? this
            : new(_accessor, _indexers, _items.Remove(key), _byNamespace.Move(key, [key.Namespace], []), Reindex(key, old, null));
    }

    /// <summary>Distinct index values; an indexer returning null means "in no bucket".</summary>
    private static ImmutableHashSet<string> ValuesOf(Func<T, IEnumerable<string>> indexer, T? obj) =>
        obj is null ? [] : (indexer(obj) ?? []).ToImmutableHashSet(StringComparer.Ordinal);

    private ImmutableDictionary<string, IndexTable> Reindex(ObjectKey key, T? old, T? updated)
    {
        var indexes = _indexes;
        foreach (var (name, indexer) in _indexers)
        {
            var before = ValuesOf(indexer, old);
            var after = ValuesOf(indexer, updated);
            if (!before.SetEquals(after))
            {
                indexes = indexes.SetItem(name, indexes[name].Move(key, before.Except(after), after.Except(before)));
            }
        }

        return indexes;
    }

    private List<T> Resolve(IndexTable table, string value) => [.. table.KeysOf(value).Select(key => _items[key])];
}
