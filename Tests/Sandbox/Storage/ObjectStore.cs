using System.Globalization;
using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Json;

namespace KamajiKubeconfig.Sandbox.Storage;

/// <summary>
/// The "etcd" of the sandbox: objects per storage key, one cluster-wide revision counter, a bounded event history
/// (so resourceVersions really expire) and watch subscriptions. Every write is serialised by one lock.
/// </summary>
public sealed class ObjectStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Collection> _collections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Subscription>> _subscriptions = new(StringComparer.Ordinal);
    private readonly Queue<StoreEvent> _history = new();
    private long _revision = 1;
    private long _compactedRevision;

    public ObjectStore(int historyCapacity = 10_000) => HistoryCapacity = historyCapacity;

    public int HistoryCapacity { get; set; }

    public long Revision
    {
        get
        {
            lock (_gate)
            {
                return _revision;
            }
        }
    }

    /// <summary>Revisions at or below this are no longer in the history: watches and exact lists from them get 410.</summary>
    public long CompactedRevision
    {
        get
        {
            lock (_gate)
            {
                return _compactedRevision;
            }
        }
    }

    /// <summary>Raised after each committed change, outside the lock (controllers: GC, namespaces, CRDs, Kamaji).</summary>
    public event Action<StoreEvent>? Changed;

    public StoredObject? Get(string storageKey, string ns, string name)
    {
        lock (_gate)
        {
            return _collections.TryGetValue(storageKey, out var c) && c.ByKey.TryGetValue(StoredObject.KeyOf(ns, name), out var o) ? o : null;
        }
    }

    /// <summary>Items of a collection in key order, after <paramref name="startAfterKey"/>, optionally as they were at <paramref name="atRevision"/>.</summary>
    public (List<StoredObject> Items, long Revision) List(string storageKey, string? ns, string? startAfterKey = null, long? atRevision = null)
    {
        lock (_gate)
        {
            if (atRevision is { } rv && rv < _compactedRevision)
            {
                throw new StoreExpiredException(rv, _compactedRevision);
            }
            if (!_collections.TryGetValue(storageKey, out var collection))
            {
                return ([], atRevision ?? _revision);
            }
            if (atRevision is { } at && at < _revision)
            {
                return (HistoryRewind.ListAt(_history, storageKey, collection.ByKey, ns, startAfterKey, at), at);
            }
            IEnumerable<string> keys = collection.Keys;
            if (ns is not null)
            {
                keys = collection.Keys.GetViewBetween(ns + "\0", ns + "\u0001");
            }
            var result = new List<StoredObject>();
            foreach (var key in keys)
            {
                if (startAfterKey is null || string.CompareOrdinal(key, startAfterKey) > 0)
                {
                    result.Add(collection.ByKey[key]);
                }
            }
            return (result, _revision);
        }
    }

    public StoredObject Create(string storageKey, string ns, string name, JsonObject obj)
    {
        StoreEvent change;
        lock (_gate)
        {
            var collection = CollectionFor(storageKey);
            var key = StoredObject.KeyOf(ns, name);
            if (collection.ByKey.ContainsKey(key))
            {
                throw new StoreConflictException("exists");
            }
            var stored = Commit(obj, ns, name);
            collection.ByKey[key] = stored;
            collection.Keys.Add(key);
            change = Record(new StoreEvent(StoreEventType.Added, storageKey, stored, null));
        }
        Changed?.Invoke(change);
        return change.Object;
    }

    /// <summary>Replaces an object if it is still at <paramref name="expectedRevision"/>. A write that changes nothing is skipped (A2).</summary>
    public StoredObject Update(string storageKey, string ns, string name, JsonObject obj, long expectedRevision)
    {
        StoreEvent change;
        lock (_gate)
        {
            var collection = CollectionFor(storageKey);
            var key = StoredObject.KeyOf(ns, name);
            if (!collection.ByKey.TryGetValue(key, out var current))
            {
                throw new StoreMissingException();
            }
            if (current.ResourceVersion != expectedRevision)
            {
                throw new StoreConflictException("modified");
            }
            obj.Metadata()["resourceVersion"] = current.ResourceVersion.ToString(CultureInfo.InvariantCulture);
            if (JsonNode.DeepEquals(obj, current.Object))
            {
                return current;
            }
            var stored = Commit(obj, ns, name);
            collection.ByKey[key] = stored;
            change = Record(new StoreEvent(StoreEventType.Modified, storageKey, stored, current));
        }
        Changed?.Invoke(change);
        return change.Object;
    }

    public StoredObject Delete(string storageKey, string ns, string name, long expectedRevision, JsonObject? finalState = null)
    {
        StoreEvent change;
        lock (_gate)
        {
            var collection = CollectionFor(storageKey);
            var key = StoredObject.KeyOf(ns, name);
            if (!collection.ByKey.TryGetValue(key, out var current))
            {
                throw new StoreMissingException();
            }
            if (current.ResourceVersion != expectedRevision)
            {
                throw new StoreConflictException("modified");
            }
            collection.ByKey.Remove(key);
            collection.Keys.Remove(key);
            // The DELETED event carries the last state with the deletion's revision.
            var tombstone = Commit(finalState ?? current.Clone(), ns, name);
            change = Record(new StoreEvent(StoreEventType.Deleted, storageKey, tombstone, current));
        }
        Changed?.Invoke(change);
        return change.Object;
    }

    /// <summary>Registers a watcher and returns the history after <paramref name="fromRevision"/> atomically with it.</summary>
    public Subscription Subscribe(string storageKey, long? fromRevision, out List<StoreEvent> backlog)
    {
        lock (_gate)
        {
            if (fromRevision is { } from && from < _compactedRevision)
            {
                throw new StoreExpiredException(from, _compactedRevision);
            }
            backlog = fromRevision is { } rv ? [.. _history.Where(e => e.StorageKey == storageKey && e.ResourceVersion > rv)] : [];
            var subscription = new Subscription(storageKey, Unsubscribe);
            if (!_subscriptions.TryGetValue(storageKey, out var list))
            {
                list = [];
                _subscriptions[storageKey] = list;
            }
            list.Add(subscription);
            return subscription;
        }
    }

    /// <summary>Ends every watch (fault injection, shutdown).</summary>
    public void CloseAllWatches()
    {
        lock (_gate)
        {
            foreach (var subscription in _subscriptions.Values.SelectMany(s => s))
            {
                subscription.Events.Writer.TryComplete();
            }
            _subscriptions.Clear();
        }
    }

    /// <summary>Forgets the event history: every resourceVersion before now expires.</summary>
    public void Compact()
    {
        lock (_gate)
        {
            _history.Clear();
            _compactedRevision = _revision;
        }
    }

    public int Count(string storageKey)
    {
        lock (_gate)
        {
            return _collections.TryGetValue(storageKey, out var c) ? c.ByKey.Count : 0;
        }
    }

    public IReadOnlyList<string> StorageKeys
    {
        get
        {
            lock (_gate)
            {
                return [.. _collections.Where(c => c.Value.ByKey.Count > 0).Select(c => c.Key)];
            }
        }
    }

    private void Unsubscribe(Subscription subscription)
    {
        lock (_gate)
        {
            if (_subscriptions.TryGetValue(subscription.StorageKey, out var list))
            {
                list.Remove(subscription);
            }
            subscription.Events.Writer.TryComplete();
        }
    }

    private StoredObject Commit(JsonObject obj, string ns, string name)
    {
        _revision++;
        obj.Metadata()["resourceVersion"] = _revision.ToString(CultureInfo.InvariantCulture);
        return StoredObject.Create(ns, name, _revision, obj);
    }

    private StoreEvent Record(StoreEvent e)
    {
        _history.Enqueue(e);
        while (_history.Count > HistoryCapacity)
        {
            _compactedRevision = _history.Dequeue().ResourceVersion;
        }
        if (_subscriptions.TryGetValue(e.StorageKey, out var list))
        {
            foreach (var subscription in list)
            {
                subscription.Events.Writer.TryWrite(e);
            }
        }
        return e;
    }

    private Collection CollectionFor(string storageKey)
    {
        if (!_collections.TryGetValue(storageKey, out var collection))
        {
            collection = new Collection();
            _collections[storageKey] = collection;
        }
        return collection;
    }

    private sealed class Collection
    {
        public Dictionary<string, StoredObject> ByKey { get; } = new(StringComparer.Ordinal);

        public SortedSet<string> Keys { get; } = new(StringComparer.Ordinal);
    }
}
