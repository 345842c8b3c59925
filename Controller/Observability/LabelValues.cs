namespace KamajiKubeconfig.Controller.Observability;

/// <summary>
/// The label values of one series, in the order of its family's label names. Equality is by content so
/// that it can key a dictionary; ordering is ordinal so that the exposition is stable.
/// </summary>
internal readonly struct LabelValues : IEquatable<LabelValues>, IComparable<LabelValues>
{
    private readonly string[]? _values;

    public LabelValues(string[] values)
    {
        _values = values;
    }

    public static LabelValues Empty { get; } = new([]);

    public int Count => _values?.Length ?? 0;

    public string this[int index] => _values![index];

    public bool Equals(LabelValues other) => AsSpan().SequenceEqual(other.AsSpan());

    public override bool Equals(object? obj) => obj is LabelValues other && Equals(other);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var value in AsSpan())
        {
            hash.Add(value, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    public int CompareTo(LabelValues other)
    {
        var mine = AsSpan();
        var theirs = other.AsSpan();
        for (var i = 0; i < Math.Min(mine.Length, theirs.Length); i++)
        {
            var byValue = string.CompareOrdinal(mine[i], theirs[i]);
            if (byValue != 0)
            {
                return byValue;
            }
        }

        return mine.Length.CompareTo(theirs.Length);
    }

    public static bool operator ==(LabelValues left, LabelValues right) => left.Equals(right);

    public static bool operator !=(LabelValues left, LabelValues right) => !left.Equals(right);

    public static bool operator <(LabelValues left, LabelValues right) => left.CompareTo(right) < 0;

    public static bool operator <=(LabelValues left, LabelValues right) => left.CompareTo(right) <= 0;

    public static bool operator >(LabelValues left, LabelValues right) => left.CompareTo(right) > 0;

    public static bool operator >=(LabelValues left, LabelValues right) => left.CompareTo(right) >= 0;

    private ReadOnlySpan<string> AsSpan() => _values;
}
