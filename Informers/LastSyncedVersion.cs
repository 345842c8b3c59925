namespace KamajiKubeconfig.Informers;

/// <summary>
/// The informer's last synced resourceVersion and what its next list asks for (client-go reflector
/// <c>relistResourceVersion</c>). Written only by the informer's loop; <see cref="Value"/> may be read from anywhere.
/// </summary>
internal sealed class LastSyncedVersion
{
    private string? _value;
    private bool _unavailable;

    /// <summary>The version the next watch resumes from: the last list's, or the last event's or bookmark's.</summary>
    public string? Value => Volatile.Read(ref _value);

    /// <summary>
    /// "0" before anything was listed: any recent state will do, so the server answers from its watch cache. ""
    /// once the server said our version is gone or ahead of it: only a consistent read (the latest state) is
    /// safe then. Otherwise our version, so that a relist never goes back behind what handlers have already seen,
    /// as a cache-served "0" can on a control plane with several API servers.
    /// </summary>
    public string ForNextList() => _unavailable ? string.Empty : Value is { Length: > 0 } synced ? synced : "0";

    /// <summary>A complete list at <paramref name="resourceVersion"/> replaced the cache.</summary>
    public void Listed(string resourceVersion)
    {
        Volatile.Write(ref _value, resourceVersion);
        _unavailable = false;
    }

    /// <summary>A watch event or bookmark moved us to <paramref name="resourceVersion"/>.</summary>
    public void Observed(string resourceVersion) => Volatile.Write(ref _value, resourceVersion);

    /// <summary>The server answered 410 or "too large" for our version: lists read the latest state until one succeeds.</summary>
    public void MarkUnavailable() => _unavailable = true;
}
