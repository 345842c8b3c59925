using System.Collections.Immutable;

namespace KamajiKubeconfig.Informers;

/// <summary>
/// Persistent "index value → keys" operations. Empty buckets are removed so a long-running cache does not keep
/// one entry per value ever seen.
/// </summary>
internal static class IndexTable
{
    public static ImmutableDictionary<string, ImmutableHashSet<ObjectKey>> Empty { get; } =
        ImmutableDictionary.Create<string, ImmutableHashSet<ObjectKey>>(StringComparer.Ordinal);

    public static ImmutableDictionary<string, ImmutableHashSet<ObjectKey>> Add(
        ImmutableDictionary<string, ImmutableHashSet<ObjectKey>> table, IEnumerable<string> values, ObjectKey key)
    {
        foreach (var value in values)
        {
            var bucket = table.TryGetValue(value, out var existing) ? existing : [];
            table = table.SetItem(value, bucket.Add(key));
        }

        return table;
    }

    public static ImmutableDictionary<string, ImmutableHashSet<ObjectKey>> Remove(
        ImmutableDictionary<string, ImmutableHashSet<ObjectKey>> table, IEnumerable<string> values, ObjectKey key)
    {
        foreach (var value in values)
        {
            if (!table.TryGetValue(value, out var bucket))
            {
                continue;
            }

            bucket = bucket.Remove(key);
            table = bucket.IsEmpty ? table.Remove(value) : table.SetItem(value, bucket);
        }

        return table;
    }

    /// <summary>Builds a table in one pass, for a full replace.</summary>
    public static ImmutableDictionary<string, ImmutableHashSet<ObjectKey>> Build(
        IEnumerable<(ObjectKey Key, IEnumerable<string> Values)> entries)
    {
        var buckets = new Dictionary<string, ImmutableHashSet<ObjectKey>.Builder>(StringComparer.Ordinal);
        foreach (var (key, values) in entries)
        {
            foreach (var value in values)
            {
                if (!buckets.TryGetValue(value, out var bucket))
                {
                    bucket = ImmutableHashSet.CreateBuilder<ObjectKey>();
                    buckets[value] = bucket;
                }

                bucket.Add(key);
            }
        }

        return buckets.ToImmutableDictionary(b => b.Key, b => b.Value.ToImmutable(), StringComparer.Ordinal);
    }
}
