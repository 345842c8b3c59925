using System.Collections.Concurrent;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Workers;

/// <summary>
/// The process-wide <see cref="IValidityMemo"/>: a concurrent map that is simply cleared when it outgrows its
/// capacity (entries of replaced Secrets are never read again, so an occasional full reset costs one re-inspection
/// per Secret, and memory stays bounded without bookkeeping). Keys carry no key material; values are dates.
/// </summary>
public sealed class BoundedValidityMemo(int capacity) : IValidityMemo
{
    private readonly ConcurrentDictionary<object, object> _entries = new();

    // Entries added since the last reset, counted here: the map's own Count takes every one of its locks, and at
    // 10,000 tenants the writers of a pass spent a quarter of a CPU-second queueing on it. Races between a reset and
    // an add can miscount by a few, which only moves the next reset.
    private int _added;

    public int Count => _entries.Count;

    public T GetOrAdd<T>(object key, Func<T> compute)
        where T : notnull
    {
        // Without a resourceVersion a Secret's content cannot be identified: never remember it.
        if (!Identifiable(key))
        {
            return compute();
        }
        if (_entries.TryGetValue(key, out var known) && known is T value)
        {
            return value;
        }
        if (Volatile.Read(ref _added) >= capacity)
        {
            _entries.Clear();
            Interlocked.Exchange(ref _added, 0);
        }
        // Two threads computing the same key compute the same value, so either result is the answer.
        var computed = compute();
        if (_entries.TryAdd(key, computed))
        {
            Interlocked.Increment(ref _added);
        }
        return computed;
    }

    public T? Find<T>(object key)
        where T : class => _entries.TryGetValue(key, out var known) ? known as T : null;

    private static bool Identifiable(object key) => key switch
    {
        ValidityKey k => k.SecretResourceVersion.Length > 0 && k.CaResourceVersion.Length > 0,
        TemplateKey k => k.ResourceVersion.Length > 0,
        CertificateAuthorityKey k => k.ResourceVersion.Length > 0,
        KubeconfigContentKey => true,
        _ => false,
    };
}
