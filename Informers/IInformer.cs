namespace KamajiKubeconfig.Informers;

/// <summary>What the host needs of every informer regardless of its types: run it, and wait until it has synced.</summary>
public interface IInformer
{
    string Name { get; }

    /// <summary>True once the first full list is in the cache and its handlers have run.</summary>
    bool HasSynced { get; }

    Task WaitForSyncAsync(CancellationToken cancellationToken);

    /// <summary>Lists and watches until <paramref name="cancellationToken"/> is cancelled; then completes.</summary>
    Task RunAsync(CancellationToken cancellationToken);
}
