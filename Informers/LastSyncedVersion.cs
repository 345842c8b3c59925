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
    /// "" (a consistent read of the latest state) before anything was listed, and once the server said our version
    /// is gone or ahead of it. Not client-go's "0": the watch cache answers "0" with every object in one response,
    /// ignoring the page size, and at 10,000 tenants that is some 20,000 Kamaji Secrets decoded at once (the
    /// controller's peak memory), and a start from state that a lagging API server may still hold. Otherwise our
    /// version, so that a relist never goes back behind what handlers have already seen.
    /// </summary>
    public string ForNextList() => !_unavailable && Value is { Length: > 0 } synced ? synced : string.Empty;

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
