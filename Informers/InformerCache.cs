using System.Collections.Immutable;

namespace KamajiKubeconfig.Informers;

/// <summary>
/// A cache with exactly one writer (its informer) and any number of readers. Every write builds a new immutable
/// <see cref="CacheSnapshot{T}"/> and publishes it with one reference swap, so readers never lock and never see
/// an object without its index entries (kube-rs <c>reflector/store.rs</c>: one Writer, many Stores).
/// </summary>
/// <param name="accessor">Reads key and resourceVersion from a stored object.</param>
/// <param name="indexers">
/// Named index functions, e.g. "by admin Secret name" → the Secret names an object refers to. Fixed here so
/// that no write can happen before an index exists.
/// </param>
/// <param name="byNamespace">
/// Whether <see cref="ICacheReader{T}.ListByNamespace"/> is served. An index entry per object is memory a cache of
/// 20,000 Secrets that nobody lists by namespace should not pay for.
/// </param>
public sealed class InformerCache<T>(
    ObjectAccessor<T> accessor, IReadOnlyDictionary<string, Func<T, IEnumerable<string>>>? indexers = null, bool byNamespace = true)
    where T : class
{
    private CacheSnapshot<T> _current = CacheSnapshot<T>.Build(
        accessor ?? throw new ArgumentNullException(nameof(accessor)),
        indexers?.ToImmutableDictionary(StringComparer.Ordinal) ?? ImmutableDictionary<string, Func<T, IEnumerable<string>>>.Empty,
        byNamespace,
        []);

    public ObjectAccessor<T> Accessor { get; } = accessor;

    /// <summary>The current state, which never changes; use it when several reads must see the same moment.</summary>
    public ICacheReader<T> Snapshot => Current;

    private CacheSnapshot<T> Current => Volatile.Read(ref _current);

    /// <summary>Writer only. Adds or replaces an object; returns the previous state, null if it is new.</summary>
    public T? Upsert(T obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        Volatile.Write(ref _current, Current.Upsert(obj, out var old));
        return old;
    }

    /// <summary>Writer only. Removes an object; returns what was removed, null if it was not cached.</summary>
    public T? Delete(ObjectKey key)
    {
        Volatile.Write(ref _current, Current.Delete(key, out var old));
        return old;
    }

    /// <summary>
    /// Writer only. Swaps in the result of a full list in one step and returns what changed as (old, new) pairs:
    /// adds, updates whose resourceVersion moved, and synthetic deletes for objects that vanished while we were
    /// not watching (YARP <c>ResourceInformer</c> relist). Objects whose resourceVersion did not move are not
    /// reported: they are byte-for-byte what handlers already saw.
    /// </summary>
    public IReadOnlyList<(T? Old, T? New)> Replace(IEnumerable<T> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var previous = Current;
        var next = previous.Rebuild(objects);
        var changes = next.List()
            .Select(obj => (Old: previous.Get(Accessor.KeyOf(obj)), New: obj))
            .Where(c => c.Old is null || !string.Equals(Accessor.ResourceVersionOf(c.Old), Accessor.ResourceVersionOf(c.New), StringComparison.Ordinal))
            .Select(c => (c.Old, (T?)c.New))
            .Concat(previous.List().Where(old => next.Get(Accessor.KeyOf(old)) is null).Select(old => ((T?)old, (T?)null)))
            .ToList();
        Volatile.Write(ref _current, next);
        return changes;
    }
}
