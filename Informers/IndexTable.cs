using System.Collections.Immutable;

namespace KamajiKubeconfig.Informers;

/// <summary>
/// A persistent "index value → keys" table. Empty buckets are removed so a long-running cache does not keep one
/// entry per value ever seen.
/// </summary>
internal sealed class IndexTable(ImmutableDictionary<string, ImmutableHashSet<ObjectKey>> buckets)
{
    /// <summary>Builds a table in one pass, for a full replace.</summary>
    public static IndexTable Build(IEnumerable<(ObjectKey Key, IEnumerable<string> Values)> entries) => new(entries
        .SelectMany(entry => entry.Values.Select(value => (Value: value, entry.Key)))
        .GroupBy(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal)
        .ToImmutableDictionary(bucket => bucket.Key, bucket => bucket.ToImmutableHashSet(), StringComparer.Ordinal));

    public ImmutableHashSet<ObjectKey> KeysOf(string value) => buckets.GetValueOrDefault(value, []);

    /// <summary>Moves <paramref name="key"/> out of the buckets of <paramref name="before"/> into those of <paramref name="after"/>.</summary>
    public IndexTable Move(ObjectKey key, IEnumerable<string> before, IEnumerable<string> after)
    {
        var table = buckets;
        foreach (var value in before)
        {
            if (table.TryGetValue(value, out var bucket))
            {
                bucket = bucket.Remove(key);
                table = bucket.IsEmpty ? table.Remove(value) : table.SetItem(value, bucket);
            }
        }

        foreach (var value in after)
        {
            table = table.SetItem(value, table.GetValueOrDefault(value, []).Add(key));
        }

        return new(table);
    }
}
