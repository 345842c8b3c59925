using System.Collections.Immutable;

namespace KamajiKubeconfig.Informers;

/// <summary>
/// One immutable state of a cache: objects, the namespace index and every registered index, always consistent
/// with each other because they are replaced together. Holding a snapshot is free and it never changes.
/// </summary>
public sealed class CacheSnapshot<T> : ICacheReader<T>
    where T : class
{
    private readonly CacheIndexers<T> _indexers;
    private readonly ImmutableDictionary<ObjectKey, T> _items;
    private readonly ImmutableDictionary<string, ImmutableHashSet<ObjectKey>> _byNamespace;
    private readonly ImmutableDictionary<string, ImmutableDictionary<string, ImmutableHashSet<ObjectKey>>> _indexes;

    private CacheSnapshot(
        CacheIndexers<T> indexers,
        ImmutableDictionary<ObjectKey, T> items,
        ImmutableDictionary<string, ImmutableHashSet<ObjectKey>> byNamespace,
        ImmutableDictionary<string, ImmutableDictionary<string, ImmutableHashSet<ObjectKey>>> indexes)
    {
        _indexers = indexers;
        _items = items;
        _byNamespace = byNamespace;
        _indexes = indexes;
    }

    public int Count => _items.Count;

    public T? Get(ObjectKey key) => _items.GetValueOrDefault(key);

    public IEnumerable<T> List() => _items.Values;

    public IReadOnlyList<T> ListByNamespace(string @namespace) => Resolve(_byNamespace, @namespace);

    public IReadOnlyList<T> ByIndex(string indexName, string value)
    {
        if (!_indexes.TryGetValue(indexName, out var table))
        {
            throw new ArgumentException($"No index named '{indexName}' was registered.", nameof(indexName));
        }

        return Resolve(table, value);
    }

    internal static CacheSnapshot<T> Build(CacheIndexers<T> indexers, IEnumerable<T> objects)
    {
        var items = ImmutableDictionary.CreateBuilder<ObjectKey, T>();
        foreach (var obj in objects)
        {
            // A list never holds a key twice; if a source misbehaves, the later object wins, as a watch would.
            items[indexers.Accessor.KeyOf(obj)] = obj;
        }

        var byNamespace = IndexTable.Build(items.Keys.Select(k => (k, (IEnumerable<string>)[k.Namespace])));
        var indexes = indexers.Functions.ToImmutableDictionary(
            f => f.Key,
            f => IndexTable.Build(items.Select(i => (i.Key, (IEnumerable<string>)CacheIndexers<T>.ValuesOf(f.Value, i.Value)))),
            StringComparer.Ordinal);
        return new CacheSnapshot<T>(indexers, items.ToImmutable(), byNamespace, indexes);
    }

    internal CacheSnapshot<T> Upsert(T obj, out T? old)
    {
        var key = _indexers.Accessor.KeyOf(obj);
        old = Get(key);
        var byNamespace = old is null ? IndexTable.Add(_byNamespace, [key.Namespace], key) : _byNamespace;
        return new CacheSnapshot<T>(_indexers, _items.SetItem(key, obj), byNamespace, Reindex(key, old, obj));
    }

    internal CacheSnapshot<T> Delete(ObjectKey key, out T? old)
    {
        old = Get(key);
        if (old is null)
        {
            return this;
        }

        var byNamespace = IndexTable.Remove(_byNamespace, [key.Namespace], key);
        return new CacheSnapshot<T>(_indexers, _items.Remove(key), byNamespace, Reindex(key, old, null));
    }

    private ImmutableDictionary<string, ImmutableDictionary<string, ImmutableHashSet<ObjectKey>>> Reindex(
        ObjectKey key, T? old, T? updated)
    {
        var indexes = _indexes;
        foreach (var (name, indexer) in _indexers.Functions)
        {
            var before = CacheIndexers<T>.ValuesOf(indexer, old);
            var after = CacheIndexers<T>.ValuesOf(indexer, updated);
            if (before.SetEquals(after))
            {
                continue;
            }

            var table = IndexTable.Remove(indexes[name], before.Except(after), key);
            indexes = indexes.SetItem(name, IndexTable.Add(table, after.Except(before), key));
        }

        return indexes;
    }

    private List<T> Resolve(ImmutableDictionary<string, ImmutableHashSet<ObjectKey>> table, string value)
    {
        if (!table.TryGetValue(value, out var keys))
        {
            return [];
        }

        var result = new List<T>(keys.Count);
        foreach (var key in keys)
        {
            result.Add(_items[key]);
        }

        return result;
    }
}
