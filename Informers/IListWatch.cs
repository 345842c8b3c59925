using k8s;

namespace KamajiKubeconfig.Informers;

/// <summary>
/// The informer's only seam to the API server (client-go <c>tools/cache/listwatch.go</c>). Implementations throw
/// an <see cref="InformerRestartException"/> for the answers the informer acts on.
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
    /// the stream after <paramref name="timeoutSeconds"/> (a clean end of the enumeration). Never yields
    /// <see cref="WatchEventType.Error"/>: an error event ends the enumeration with an exception.
    /// </summary>
    IAsyncEnumerable<WatchEvent<TRaw>> WatchAsync(string resourceVersion, int timeoutSeconds, CancellationToken cancellationToken);
}

/// <summary>
/// One page of a list. Every page of a paged list carries the first page's resourceVersion (a consistent
/// snapshot), and <see cref="Continue"/> is null on the last page.
/// </summary>
public sealed record ListPage<TRaw>(IReadOnlyList<TRaw> Items, string ResourceVersion, string? Continue);

/// <summary>
/// One watch event; the source extracts <see cref="ResourceVersion"/> for every kind, so the informer need not know
/// the raw type. <see cref="Item"/> is <c>default</c> for bookmarks: a bookmark's object must never reach the cache.
/// </summary>
public readonly record struct WatchEvent<TRaw>(WatchEventType Kind, TRaw? Item, string ResourceVersion);
