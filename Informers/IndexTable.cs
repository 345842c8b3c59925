using System.Collections.Immutable;

namespace KamajiKubeconfig.Informers;

/// <summary>
/// A persistent "index value → keys" table. Empty buckets are removed so a long-running cache does not keep one
/// entry per value ever seen.
/// </summary>
internal sealed class IndexTable
{
    private readonly ImmutableDictionary<string, ImmutableHashSet<ObjectKey>> _buckets;

    private IndexTable(ImmutableDictionary<string, ImmutableHashSet<ObjectKey>> buckets) => _buckets = buckets;

    /// <summary>Builds a table in one pass, for a full replace.</summary>
    public static IndexTable Build(IEnumerable<(ObjectKey Key, IEnumerable<string> Values)> entries) => new(entries
        .SelectMany(entry => entry.Values.Select(value => (Value: value, entry.Key)))
        .GroupBy(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal)
        .ToImmutableDictionary(bucket => bucket.Key, bucket => bucket.ToImmutableHashSet(), StringComparer.Ordinal));

    public ImmutableHashSet<ObjectKey> KeysOf(string value) => _buckets.GetValueOrDefault(value, []);

    /// <summary>Moves <paramref name="key"/> out of the buckets of <paramref name="before"/> into those of <paramref name="after"/>.</summary>
    public IndexTable Move(ObjectKey key, IEnumerable<string> before, IEnumerable<string> after)
    {
        var buckets = _buckets;
        foreach (var value in before)
        {
            if (buckets.TryGetValue(value, out var bucket))
            {
                bucket = bucket.Remove(key);
                buckets = bucket.IsEmpty ? buckets.Remove(value) : buckets.SetItem(value, bucket);
            }
        }

        foreach (var value in after)
        {
            buckets = buckets.SetItem(value, buckets.GetValueOrDefault(value, []).Add(key));
        }

        return new(buckets);
    }
}
