using System.Collections;

namespace KamajiKubeconfig.Reconcile.Values;

/// <summary>
/// An immutable string map with value equality and ordinal key order, so records holding labels or
/// annotations compare by content and print deterministically.
/// </summary>
public sealed class SortedMap : IReadOnlyDictionary<string, string>, IEquatable<SortedMap>
{
    // A sorted array, not a tree: a map holds a handful of labels or annotations, is read far more often than it
    // changes, and the caches keep tens of thousands of them; a tree node per entry would cost several times more.
    private readonly KeyValuePair<string, string>[] _items;

    public static readonly SortedMap Empty = new([]);

    private static readonly IComparer<KeyValuePair<string, string>> ByKey =
        Comparer<KeyValuePair<string, string>>.Create(static (a, b) => string.CompareOrdinal(a.Key, b.Key));

    private SortedMap(KeyValuePair<string, string>[] items) => _items = items;

    /// <summary>A repeated key is kept once when its values agree.</summary>
    /// <exception cref="ArgumentException">A key repeated with different values.</exception>
    public static SortedMap From(IEnumerable<KeyValuePair<string, string>>? items)
    {
        var sorted = items?.ToArray() ?? [];
        if (sorted.Length == 0)
        {
            return Empty;
        }
        Array.Sort(sorted, ByKey);
        var distinct = 1;
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i].Key != sorted[distinct - 1].Key)
            {
                sorted[distinct++] = sorted[i];
            }
            else if (sorted[i].Value != sorted[distinct - 1].Value)
            {
                throw new ArgumentException($"An element with the same key but a different value already exists. Key: '{sorted[i].Key}'", nameof(items));
            }
        }
        return new(distinct == sorted.Length ? sorted : sorted[..distinct]);
    }

    public SortedMap With(string key, string value)
    {
        // Replaces the entry with this key, or goes in where the key belongs.
        var index = IndexOf(key);
        var (before, after) = index >= 0 ? (index, index + 1) : (~index, ~index);
        return new([.. _items.AsSpan(0, before), KeyValuePair.Create(key, value), .. _items.AsSpan(after)]);
    }

    public SortedMap Without(string key)
    {
        var index = IndexOf(key);
        return index < 0 ? this : new([.. _items.AsSpan(0, index), .. _items.AsSpan(index + 1)]);
    }

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The key '{key}' was not present.");
    public IEnumerable<string> Keys => _items.Select(p => p.Key);
    public IEnumerable<string> Values => _items.Select(p => p.Value);
    public int Count => _items.Length;
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, out string value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _items[index].Value : default!;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)_items).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>True when every entry of <paramref name="subset"/> is present here with the same value.</summary>
    public bool Contains(SortedMap subset) => subset.All(p => TryGetValue(p.Key, out var v) && v == p.Value);

    public bool Equals(SortedMap? other) => other is not null && Count == other.Count && Contains(other);

    public override bool Equals(object? obj) => Equals(obj as SortedMap);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (k, v) in _items)
        {
            hash.Add(k, StringComparer.Ordinal);
            hash.Add(v, StringComparer.Ordinal);
        }
        return hash.ToHashCode();
    }

    public override string ToString() => "{" + string.Join(", ", _items.Select(p => $"{p.Key}={p.Value}")) + "}";

    /// <summary>The key's index, or the bitwise complement of where it would be inserted.</summary>
    private int IndexOf(string key) => Array.BinarySearch(_items, KeyValuePair.Create(key ?? throw new ArgumentNullException(nameof(key)), ""), ByKey);
}
