using System.Collections.Concurrent;

namespace KamajiKubeconfig.Controller.Mapping;

/// <summary>
/// One shared copy of the short strings the caches hold over and over: label and annotation keys, label values,
/// namespaces, owner kinds, data keys, and each tenant's name and uid, which its TCP, its Secrets' owner references
/// and labels repeat. Each object arrives with its own copies of them, so at 10,000 tenants the same few dozen strings
/// were kept tens of thousands of times, and each tenant's name eight times. Bounded: a cluster full of unique values
/// (or a hostile one) cannot grow it, since it starts over when full; a string it no longer holds is simply stored
/// again. The shared pool holds the names and uids of ~30,000 tenants before it starts over.
/// </summary>
internal sealed class StringPool(int capacity, int maxLength)
{
    /// <summary>The one the mappers use; every informer's transform shares it.</summary>
    public static readonly StringPool Shared = new(capacity: 65_536, maxLength: 128);

    private readonly ConcurrentDictionary<string, string> _strings = new(StringComparer.Ordinal);
    private int _count;

    /// <summary>The pooled copy of <paramref name="value"/> (equal by content), or the value itself when it is too long to pool.</summary>
    public string Intern(string value)
    {
        if (value.Length > maxLength)
        {
            return value;
        }
        if (_strings.TryGetValue(value, out var pooled))
        {
            return pooled;
        }
        if (Interlocked.Increment(ref _count) > capacity)
        {
            // Starting over keeps the pool bounded; strings in use stay shared where they are.
            _strings.Clear();
            Interlocked.Exchange(ref _count, 1);
        }
        return _strings.GetOrAdd(value, value);
    }

    public SortedMap Map(IEnumerable<KeyValuePair<string, string>>? items) =>
        items is null ? SortedMap.Empty : SortedMap.From(items.Select(p => KeyValuePair.Create(Intern(p.Key), p.Value is null ? p.Value! : Intern(p.Value))));

    public int Count => _strings.Count;
}
