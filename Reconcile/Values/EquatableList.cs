using System.Collections;
using System.Collections.Immutable;

namespace KamajiKubeconfig.Reconcile.Values;

/// <summary>
/// An immutable list with value equality. Record equality is shallow and <see cref="ImmutableArray{T}"/>
/// compares references, so records that hold lists use this instead.
/// </summary>
public sealed class EquatableList<T> : IReadOnlyList<T>, IEquatable<EquatableList<T>>
{
    private readonly ImmutableArray<T> _items;

    public static readonly EquatableList<T> Empty = new(ImmutableArray<T>.Empty);

    public EquatableList(IEnumerable<T> items) => _items = [.. items];

    /// <summary>Wraps an immutable array without copying it (a plan's targets at 10,000 tenants are 80 KB).</summary>
    public EquatableList(ImmutableArray<T> items) => _items = items;

    public T this[int index] => _items[index];
    public int Count => _items.Length;

    /// <summary>The items in place: loops over every target of a pass run on it, not on a boxed enumerator.</summary>
    public ReadOnlySpan<T> AsSpan() => _items.AsSpan();

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(EquatableList<T>? other) =>
        other is not null && _items.SequenceEqual(other._items, EqualityComparer<T>.Default);

    public override bool Equals(object? obj) => Equals(obj as EquatableList<T>);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in _items)
        {
            hash.Add(item);
        }
        return hash.ToHashCode();
    }

    public override string ToString() => "[" + string.Join(", ", _items) + "]";
}

/// <summary>Factory helpers, so call sites read <c>EquatableList.Of(a, b)</c>.</summary>
public static class EquatableList
{
    public static EquatableList<T> Of<T>(params T[] items) => new(items);

    public static EquatableList<T> ToEquatableList<T>(this IEnumerable<T> items) => new(items);
}
