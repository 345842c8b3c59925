namespace KamajiKubeconfig.Informers;

/// <summary>
/// The informer's only seam to the API server (client-go <c>tools/cache/listwatch.go</c>). Implementations map
/// every "your resourceVersion is too old" answer (HTTP 410 on list or watch, or a 410 ERROR event) to
/// <see cref="ResourceVersionExpiredException"/>, every "too large resource version" answer (504 with cause
/// ResourceVersionTooLarge) to <see cref="ResourceVersionTooLargeException"/>; transport failures stay as they are.
/// </summary>
public interface IListWatch<TRaw>
{
    /// <summary>
    /// Lists one page. A first page (<paramref name="continueToken"/> null) is read at
    /// <paramref name="resourceVersion"/>: "0" is any recent state (the watch cache), "" the latest state (a
    /// consistent read), and a version N with a limit is the state exactly at N (docs/kubernetes-notes.md A4). A continue
    /// page passes a null <paramref name="resourceVersion"/>: its token pins the snapshot the first page started,
    /// and a server refuses both at once.
    /// </summary>
    Task<ListPage<TRaw>> ListAsync(string? resourceVersion, string? continueToken, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Watches changes strictly after <paramref name="resourceVersion"/>, with bookmarks, until the server closes
    /// the stream after <paramref name="timeoutSeconds"/> (a clean end of the enumeration).
    /// </summary>
    IAsyncEnumerable<WatchEvent<TRaw>> WatchAsync(string resourceVersion, int timeoutSeconds, CancellationToken cancellationToken);
}
