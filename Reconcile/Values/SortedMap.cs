using System.Collections;
using System.Collections.Immutable;

namespace KamajiKubeconfig.Reconcile.Values;

/// <summary>
/// An immutable string map with value equality and ordinal key order, so records holding labels or
/// annotations compare by content and print deterministically.
/// </summary>
public sealed class SortedMap : IReadOnlyDictionary<string, string>, IEquatable<SortedMap>
{
    private readonly ImmutableSortedDictionary<string, string> _items;

    public static readonly SortedMap Empty = new(ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal));

    private SortedMap(ImmutableSortedDictionary<string, string> items) => _items = items;

    public static SortedMap From(IEnumerable<KeyValuePair<string, string>>? items) =>
        items is null ? Empty : new(items.ToImmutableSortedDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));

    public static SortedMap Of(params (string Key, string Value)[] items) =>
        From(items.Select(i => KeyValuePair.Create(i.Key, i.Value)));

    public SortedMap With(string key, string value) => new(_items.SetItem(key, value));

    public SortedMap Without(string key) => new(_items.Remove(key));

    public string this[string key] => _items[key];
    public IEnumerable<string> Keys => _items.Keys;
    public IEnumerable<string> Values => _items.Values;
    public int Count => _items.Count;
    public bool ContainsKey(string key) => _items.ContainsKey(key);
    public bool TryGetValue(string key, out string value) => _items.TryGetValue(key, out value!);
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _items.GetEnumerator();
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
}
