using System.Collections.Immutable;
using System.Globalization;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Cluster;

/// <summary>
/// The <see cref="RecentWrites"/> of one moment, for a pass that reads cache snapshots: taken before them, so an
/// entry the informer removed since (its cache now shows our write) is still here for a cache snapshot that does not
/// show it yet. Read live, the entry could be gone while the pass's older snapshot still lacks the Secret, and the
/// pass would create it again (answered 409, then issued twice).
/// </summary>
public sealed class RecentWritesSnapshot(ImmutableDictionary<ObjectRef, RecentWrite> entries)
{
    /// <summary>What a pass should see for <paramref name="secret"/>, given what its cache snapshot shows.</summary>
    public SecretInfo? Resolve(ObjectRef secret, SecretInfo? cached) =>
        entries.TryGetValue(secret, out var entry) && entry.StandsFor(cached?.ResourceVersion) ? entry.Stored : cached;
}

/// <summary>One write of ours the cache had not shown: the state it was planned from, and what the server stored.</summary>
public sealed record RecentWrite(string PlannedFrom, SecretInfo Stored)
{
    /// <summary>
    /// Whether this write still stands in for a cache that shows <paramref name="cachedVersion"/> (null = absent).
    /// Where both resourceVersions are integers (etcd's revisions, which Kubernetes 1.34 made comparable), it stands
    /// while the cache shows anything older than what we stored: a relist that lands between the state we planned from
    /// and our write (someone's edit in between) must not bring that older state back and have it planned again (a
    /// rotation answered twice). Otherwise only the exact state the write was planned from counts as older.
    /// </summary>
    public bool StandsFor(string? cachedVersion)
    {
        if (string.IsNullOrEmpty(cachedVersion))
        {
            // Absent: our create not delivered yet, or someone deleted the Secret after we wrote it.
            return PlannedFrom.Length == 0;
        }
        return ulong.TryParse(cachedVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var cached)
            && ulong.TryParse(Stored.ResourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var stored)
            ? cached < stored
            : cachedVersion == PlannedFrom;
    }
}
