using System.Runtime.CompilerServices;
using k8s;
using k8s.Autorest;

namespace KamajiKubeconfig.Informers;

/// <summary>
/// <see cref="IListWatch{TRaw}"/> over one list operation of the C# client and its generated <c>WatchList…Async</c>
/// twin (built by <see cref="KubernetesListWatches"/>). It absorbs the client's watch quirks (docs/kubernetes-notes.md
/// B5, B13): a 410 reaches us only through <c>onError</c>, an empty stream that ends throws instead of ending,
/// bookmarks are yielded as near-empty objects. <paramref name="list"/> gets a null resourceVersion for "" (latest),
/// so that the request carries none at all.
/// </summary>
public sealed class KubernetesListWatch<TRaw>(
    Func<string?, string?, int, CancellationToken, Task<ListPage<TRaw>>> list,
    Func<string, int, Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType, TRaw)>> watch,
    Func<TRaw, string?> resourceVersionOf) : IListWatch<TRaw>
{
    public async Task<ListPage<TRaw>> ListAsync(string? resourceVersion, string? continueToken, int limit, CancellationToken cancellationToken)
    {
        if (continueToken is not null && resourceVersion is not null)
        {
            throw new ArgumentException("A continue page is read at its token's snapshot; it takes no resourceVersion.", nameof(resourceVersion));
        }

        try
        {
            return await list(string.IsNullOrEmpty(resourceVersion) ? null : resourceVersion, continueToken, limit, cancellationToken);
        }
        catch (HttpOperationException ex) when (KubernetesErrors.FromResponse(ex) is { } mapped)
        {
            throw mapped;
        }
    }

    public async IAsyncEnumerable<WatchEvent<TRaw>> WatchAsync(
        string resourceVersion, int timeoutSeconds, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Exception? reported = null;
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // The client keeps reading after onError; we stop at once instead, because a server that sent ERROR
        // has nothing more for this resourceVersion, and a stale stream must not hold the informer.
        void OnError(Exception ex)
        {
            reported ??= ex;
            abort.Cancel();
        }

        // The generated method starts the HTTP request when called, so it is called here, inside the iterator.
        await using var events = watch(resourceVersion, timeoutSeconds, OnError, abort.Token).GetAsyncEnumerator(abort.Token);
        while (true)
        {
            bool more;
            try
            {
                more = await events.MoveNextAsync();
            }
            catch (Exception ex) when (reported is not null || (ex is HttpRequestException && KubernetesErrors.EndedBeforeFirstLine(ex)))
            {
                // The error already reported ends the stream, and so does an empty watch's clean end.
                more = false;
            }
            catch (HttpOperationException ex) when (KubernetesErrors.FromResponse(ex) is { } mapped)
            {
                throw mapped;
            }

            if (reported is not null)
            {
                throw KubernetesErrors.FromStreamError(reported);
            }

            if (!more)
            {
                yield break;
            }

            var (type, item) = events.Current;
            var version = item is null ? string.Empty : resourceVersionOf(item) ?? string.Empty;
            yield return type switch
            {
                WatchEventType.Added or WatchEventType.Modified or WatchEventType.Deleted => new(type, item, version),

                // Only the resourceVersion of a bookmark means anything; the object is dropped here so that no
                // consumer can mistake it for a real one.
                WatchEventType.Bookmark => new(type, default, version),
                _ => throw new InformerRestartException(RestartReason.Error, $"Unexpected watch event type {type}."),
            };
        }
    }
}
