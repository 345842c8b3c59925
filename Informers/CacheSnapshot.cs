using System.Collections.Immutable;

namespace KamajiKubeconfig.Informers;

/// <summary>
/// One immutable state of a cache: objects, the namespace index (null when the cache has none) and every registered
/// index, always consistent with each other because they are replaced together. Holding a snapshot is free and it
/// never changes.
/// </summary>
internal sealed class CacheSnapshot<T>(
    ObjectAccessor<T> accessor,
    ImmutableDictionary<string, Func<T, IEnumerable<string>>> indexers,
    ImmutableDictionary<ObjectKey, T> items,
    IndexTable? byNamespace,
    ImmutableDictionary<string, IndexTable> indexes) : ICacheReader<T>
    where T : class
{
    public int Count => items.Count;

    public T? Get(ObjectKey key) => items.GetValueOrDefault(key);

    public IEnumerable<T> List() => items.Values;

    public IReadOnlyList<T> ListByNamespace(string @namespace) =>
        Resolve(byNamespace ?? throw new InvalidOperationException("This cache keeps no namespace index."), @namespace);

    public IReadOnlyList<T> ByIndex(string indexName, string value) => indexes.TryGetValue(indexName, out var table)
        ? Resolve(table, value)
        : throw new ArgumentException($"No index named '{indexName}' was registered.", nameof(indexName));

    internal static CacheSnapshot<T> Build(
        ObjectAccessor<T> accessor, ImmutableDictionary<string, Func<T, IEnumerable<string>>> indexers, bool byNamespace, IEnumerable<T> objects)
    {
        var all = ImmutableDictionary.CreateBuilder<ObjectKey, T>();
        foreach (var obj in objects)
        {
            // A list never holds a key twice; if a source misbehaves, the later object wins, as a watch would.
            all[accessor.KeyOf(obj)] = obj;
        }

        var namespaces = byNamespace ? IndexTable.Build(all.Keys.Select(k => (k, (IEnumerable<string>)[k.Namespace]))) : null;
        var tables = indexers.ToImmutableDictionary(
            f => f.Key,
            f => IndexTable.Build(all.Select(i => (i.Key, (IEnumerable<string>)ValuesOf(f.Value, i.Value)))),
            StringComparer.Ordinal);
        return new(accessor, indexers, all.ToImmutable(), namespaces, tables);
    }

    /// <summary>A snapshot of <paramref name="objects"/> alone, with the same indexes.</summary>
    internal CacheSnapshot<T> Rebuild(IEnumerable<T> objects) => Build(accessor, indexers, byNamespace is not null, objects);

    internal CacheSnapshot<T> Upsert(T obj, out T? old)
    {
        var key = accessor.KeyOf(obj);
        old = Get(key);
        var namespaces = old is null ? byNamespace?.Move(key, [], [key.Namespace]) : byNamespace;
        return new(accessor, indexers, items.SetItem(key, obj), namespaces, Reindex(key, old, obj));
    }

    internal CacheSnapshot<T> Delete(ObjectKey key, out T? old)
    {
        old = Get(key);
        return old is null
            ? this
            : new(accessor, indexers, items.Remove(key), byNamespace?.Move(key, [key.Namespace], []), Reindex(key, old, null));
    }

    /// <summary>Distinct index values; an indexer returning null means "in no bucket".</summary>
    private static ImmutableHashSet<string> ValuesOf(Func<T, IEnumerable<string>> indexer, T? obj) =>
        obj is null ? [] : (indexer(obj) ?? []).ToImmutableHashSet(StringComparer.Ordinal);

    private ImmutableDictionary<string, IndexTable> Reindex(ObjectKey key, T? old, T? updated)
    {
        var tables = indexes;
        foreach (var (name, indexer) in indexers)
        {
            var before = ValuesOf(indexer, old);
            var after = ValuesOf(indexer, updated);
            if (!before.SetEquals(after))
            {
                tables = tables.SetItem(name, tables[name].Move(key, before.Except(after), after.Except(before)));
            }
        }

        return tables;
    }

    private List<T> Resolve(IndexTable table, string value) => [.. table.KeysOf(value).Select(key => items[key])];
}
