using System.Collections.Immutable;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Cluster;

/// <summary>
/// Generated Secrets the controller wrote that its cache has not shown yet (client-go's "expectations", by
/// Secret). A pass that runs while the Secret watch lags or fails would otherwise plan from the state before our
/// write and issue again: a rotation request answered twice, a missing Secret created twice. Each entry remembers
/// the resourceVersion the write was planned from and what the server stored; it stands in for the cached Secret while
/// the cache shows an older state (<see cref="RecentWrite.StandsFor"/>), and goes once the informer delivers ours or
/// a newer one.
/// </summary>
public sealed class RecentWrites(Func<ObjectRef, string?> cachedVersion)
{
    // Immutable and swapped whole, so that a pass can take it as one consistent snapshot (RecentWritesSnapshot).
    private ImmutableDictionary<ObjectRef, RecentWrite> _entries = ImmutableDictionary<ObjectRef, RecentWrite>.Empty;

    public int Count => Volatile.Read(ref _entries).Count;

    /// <summary>The entries of this moment. Take it before the cache snapshots it is read with (see <see cref="RecentWritesSnapshot"/>).</summary>
    public RecentWritesSnapshot Snapshot() => new(Volatile.Read(ref _entries));

    /// <summary>
    /// After a successful write planned from <paramref name="plannedFrom"/> (the resourceVersion the pass saw, "" = the
    /// Secret did not exist; possibly an earlier stand-in's).
    /// </summary>
    public void Record(ObjectRef secret, string plannedFrom, SecretInfo? stored)
    {
        if (stored is { ResourceVersion.Length: > 0 } && stored.Ref == secret)
        {
            // A write planned from an earlier stand-in (the cache still lagging) stands in for the same cached state
            // that one did: keyed by the stand-in's own resourceVersion, it would never match the cache, and the next
            // pass would plan from the stale state again (a rotation answered twice, its timestamp removed).
            var basis = Volatile.Read(ref _entries).TryGetValue(secret, out var previous) && previous.Stored.ResourceVersion == plannedFrom
                ? previous.PlannedFrom
                : plannedFrom;
            var entry = new RecentWrite(basis, stored);
            ImmutableInterlocked.AddOrUpdate(ref _entries, secret, entry, (_, _) => entry);
            // The informer may have delivered our write (or something newer) before the API call returned: then no
            // event will come to remove the entry, so look now. The cache is written before handlers run, so any
            // event either shows here or runs Observed after the entry exists.
            if (!entry.StandsFor(cachedVersion(secret)))
            {
                RemoveIfStill(secret, entry);
            }
        }
        else
        {
            // The server's answer did not say what it stored: nothing to stand in with.
            ImmutableInterlocked.TryRemove(ref _entries, secret, out _);
        }
    }

    /// <summary>From the informer's change handler: the cache now holds <paramref name="resourceVersion"/> (null = gone).</summary>
    public void Observed(ObjectRef secret, string? resourceVersion)
    {
        if (Volatile.Read(ref _entries).TryGetValue(secret, out var entry) && !entry.StandsFor(resourceVersion))
        {
            RemoveIfStill(secret, entry);
        }
    }

    /// <summary>Removes the entry of <paramref name="secret"/> unless a later write replaced it meanwhile.</summary>
    private void RemoveIfStill(ObjectRef secret, RecentWrite entry) =>
        ImmutableInterlocked.Update(ref _entries, (entries, pair) =>
            entries.TryGetValue(pair.Secret, out var current) && ReferenceEquals(current, pair.Entry) ? entries.Remove(pair.Secret) : entries,
            (Secret: secret, Entry: entry));
}
