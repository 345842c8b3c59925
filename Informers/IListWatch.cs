namespace KamajiKubeconfig.Informers;

/// <summary>
/// The informer's only seam to the API server (client-go <c>tools/cache/listwatch.go</c>). Implementations map
/// every "your resourceVersion is too old" answer (HTTP 410 on list or watch, or a 410 ERROR event) to
/// <see cref="ResourceVersionExpiredException"/>; transport failures stay as they are.
/// </summary>
public interface IListWatch<TRaw>
{
    /// <summary>
    /// Lists one page. A null <paramref name="continueToken"/> starts a new list from any recent state
    /// (resourceVersion "0"); a token continues the snapshot the first page started.
    /// </summary>
    Task<ListPage<TRaw>> ListAsync(string? continueToken, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Watches changes strictly after <paramref name="resourceVersion"/>, with bookmarks, until the server closes
    /// the stream after <paramref name="timeoutSeconds"/> (a clean end of the enumeration).
    /// </summary>
    IAsyncEnumerable<WatchEvent<TRaw>> WatchAsync(string resourceVersion, int timeoutSeconds, CancellationToken cancellationToken);
}
