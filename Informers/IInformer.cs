namespace KamajiKubeconfig.Informers;

/// <summary>What the host needs of every informer regardless of its types: run it, and wait until it has synced.</summary>
public interface IInformer
{
    /// <summary>True once the first full list is in the cache and its handlers have run.</summary>
    bool HasSynced { get; }

    Task WaitForSyncAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Since when every list or watch attempt has failed (null while they succeed): an informer that keeps
    /// restarting (say, on an object it cannot decode) serves an ever older cache although it once synced.
    /// </summary>
    DateTimeOffset? FailingSince { get; }

    /// <summary>Lists and watches until <paramref name="cancellationToken"/> is cancelled; then completes.</summary>
    Task RunAsync(CancellationToken cancellationToken);
}
