using System.Collections.Immutable;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Cluster;

/// <summary>
/// The <see cref="RecentWrites"/> of one moment, for a pass that reads cache snapshots: taken before them, so an
/// entry the informer removed since (its cache now shows our write) is still here for a cache snapshot that does not
/// show it yet. Read live, the entry could be gone while the pass's older snapshot still lacks the Secret, and the
/// pass would create it again (answered 409, then issued twice).
/// </summary>
public sealed class RecentWritesSnapshot
{
    public static readonly RecentWritesSnapshot Empty = new(ImmutableDictionary<ObjectRef, RecentWrite>.Empty);

    private readonly ImmutableDictionary<ObjectRef, RecentWrite> _entries;

    internal RecentWritesSnapshot(ImmutableDictionary<ObjectRef, RecentWrite> entries) => _entries = entries;

    public int Count => _entries.Count;

    /// <summary>What a pass should see for <paramref name="secret"/>, given what its cache snapshot shows.</summary>
    public SecretInfo? Resolve(ObjectRef secret, SecretInfo? cached)
    {
        if (!_entries.TryGetValue(secret, out var entry))
        {
            return cached;
        }
        // Standing in only while the cache still shows the state the write was planned from ("" = absent): any other
        // state is our write or something newer, and the cache wins.
        return (cached?.ResourceVersion ?? "") == entry.PlannedFrom ? entry.Stored : cached;
    }
}

/// <summary>One write of ours the cache had not shown: the state it was planned from, and what the server stored.</summary>
public sealed record RecentWrite(string PlannedFrom, SecretInfo Stored);
