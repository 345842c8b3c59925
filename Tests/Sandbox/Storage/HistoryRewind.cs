namespace KamajiKubeconfig.Sandbox.Storage;

/// <summary>Rebuilds a collection as it was at an older revision from the event history (Exact lists, continue tokens).</summary>
internal static class HistoryRewind
{
    public static List<StoredObject> ListAt(IEnumerable<StoreEvent> history, string storageKey, IReadOnlyDictionary<string, StoredObject> current, string? ns, string? startAfterKey, long revision)
    {
        // Undo, newest first, every change after the requested revision.
        var state = new Dictionary<string, StoredObject>(current, StringComparer.Ordinal);
        foreach (var e in history.Reverse())
        {
            if (e.ResourceVersion <= revision)
            {
                break;
            }
            if (e.StorageKey != storageKey)
            {
                continue;
            }
            var key = e.Object.Key;
            if (e.Type == StoreEventType.Added)
            {
                state.Remove(key);
            }
            else if (e.Previous is not null)
            {
                state[key] = e.Previous;
            }
        }
        return [.. state.Values
            .Where(o => ns is null || o.Namespace == ns)
            .Where(o => startAfterKey is null || string.CompareOrdinal(o.Key, startAfterKey) > 0)
            .OrderBy(o => o.Key, StringComparer.Ordinal)];
    }
}
