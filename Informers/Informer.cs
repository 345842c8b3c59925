using System.Collections.Immutable;
using k8s;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace KamajiKubeconfig.Informers;

/// <summary>
/// One list/watch loop feeding one cache: client-go's reflector (docs/design.md, Informers). The transform trims
/// each raw object to the stored record and must be total and cheap; the jitter source is used only from the loop.
/// Nothing runs until <see cref="RunAsync"/>.
/// </summary>
public sealed class Informer<TRaw, TObject>(
    IListWatch<TRaw> source,
    Func<TRaw, TObject> transform,
    InformerCache<TObject> cache,
    InformerOptions options,
    TimeProvider timeProvider,
    Random random,
    ILogger logger,
    IInformerMetrics? metrics = null) : IInformer
    where TObject : class
{
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly LastSyncedVersion _version = new();
    private ImmutableArray<Action<TObject?, TObject?>> _handlers = [];
    private int _started;
    private bool _needsList = true;
    private long _failingSinceTicks;
    private Action<TRaw, Exception>? _onTransformFailed;

    // Relists asked for (RelistAsync), and how many of them the last completed list covers; the current watch's stop.
    private long _relistsAsked;
    private long _relistsDone;
    private TaskCompletionSource _listed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource? _stopWatch;

    public string Name => options.Name;

    public bool HasSynced => _synced.Task.IsCompleted;

    /// <summary>Where the next watch starts; null before the first list.</summary>
    public string? LastResourceVersion => _version.Value;

    public Task WaitForSyncAsync(CancellationToken cancellationToken) => _synced.Task.WaitAsync(cancellationToken);

    public DateTimeOffset? FailingSince => Interlocked.Read(ref _failingSinceTicks) is var ticks and > 0
        ? new DateTimeOffset(ticks, TimeSpan.Zero)
        : null;

    private void Progressed() => Interlocked.Exchange(ref _failingSinceTicks, 0);

    /// <summary>
    /// Called with (old, new) on the loop after each later cache write (old null for an add, new null for a delete);
    /// must be quick. Register before <see cref="RunAsync"/> so the initial list reaches it as adds.
    /// </summary>
    public void AddHandler(Action<TObject?, TObject?> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ImmutableInterlocked.Update(ref _handlers, static (list, h) => list.Add(h), handler);
    }

    /// <summary>
    /// Lists again (ending the current watch), for a transform that now keeps more of each object: completes once a
    /// list that started after this call is in the cache and its handlers have run. Failed lists are retried as ever.
    /// </summary>
    public async Task RelistAsync(CancellationToken cancellationToken)
    {
        var asked = Interlocked.Increment(ref _relistsAsked);
        try
        {
            Volatile.Read(ref _stopWatch)?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // That watch has ended already; the loop sees the request before its next watch.
        }

        while (true)
        {
            // The signal is read before the count: a list completing in between completes this signal.
            var listed = Volatile.Read(ref _listed).Task;
            if (Interlocked.Read(ref _relistsDone) >= asked)
            {
                return;
            }

            await listed.WaitAsync(cancellationToken);
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException($"Informer {Name} is already running.");
        }

        var backoff = new ReflectorBackoff(options.Backoff, timeProvider, random);
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                // Every failure is retried for as long as we run: an informer that gives up leaves a stale cache.
                ShouldHandle = static args => ValueTask.FromResult(
                    args.Outcome.Exception is not null && !args.Context.CancellationToken.IsCancellationRequested),
                MaxRetryAttempts = int.MaxValue,
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    backoff.Next((args.Outcome.Exception as InformerRestartException)?.RetryAfter)),
                OnRetry = args =>
                {
                    OnRestart(args.Outcome.Exception!, args.RetryDelay);
                    return default;
                },
            })
            .Build();
        try
        {
            await pipeline.ExecuteAsync(ListAndWatchAsync, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping is the normal way out.
        }
    }

    // A clean end re-watches here, every other failure after the backoff: a watch from our version replays all we
    // missed, so only a version the server cannot serve calls for a relist.
    private async ValueTask ListAndWatchAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_needsList)
            {
                await ListAsync(cancellationToken);
            }

            while (true)
            {
                if (await WatchAsync(cancellationToken))
                {
                    Progressed();
                    metrics?.Restarted(Name, RestartReason.Closed);
                }
                else
                {
                    await ListAsync(cancellationToken);
                }
            }
        }
        catch (InformerRestartException e) when (e.Reason is RestartReason.Expired or RestartReason.TooLargeResourceVersion)
        {
            // A refused list, or a watch's 410, reads the latest state next time. Not a list at our version after a
            // 410, as client-go tries first: our pages make that an Exact read of a version the server just called
            // gone, which etcd could serve while the watch cache still refuses it, looping list → watch → 410.
            // After a watch's "too large" this server is behind us (a lagging replica, or a restore from backup):
            // re-watching would wait, or after a restore skip events. A list at our version succeeds once it caught
            // up, or answers "too large" too, and then the next attempt reads the latest state.
            if (_needsList || e.Reason == RestartReason.Expired)
            {
                _version.MarkUnavailable();
            }

            _needsList = true;
            throw;
        }
    }

    private async Task ListAsync(CancellationToken cancellationToken)
    {
        var objects = new List<TObject>();
        var requested = _version.ForNextList();
        // Read before the first object is transformed: what a relist asker changed first is seen by this list.
        var relistsCovered = Interlocked.Read(ref _relistsAsked);
        string resourceVersion;
        // Only the first page names a version; the token pins every later page to the first page's snapshot.
        Task<ListPage<TRaw>>? next = source.ListAsync(requested, null, options.PageSize, cancellationToken);
        try
        {
            do
            {
                var page = await next;
                // The next page is asked for before this one is transformed, so that the server reads it while we
                // decode this one: a large list takes the longer of the two, not their sum.
                next = string.IsNullOrEmpty(page.Continue) ? null : source.ListAsync(null, page.Continue, options.PageSize, cancellationToken);
                objects.AddRange(page.Items.Select(Transform).OfType<TObject>());
                resourceVersion = page.ResourceVersion;
            }
            while (next is not null);
        }
        catch when (next is { IsCompleted: false })
        {
            // Leaving (cancelled, or out of memory) with a page still on its way: its outcome is observed here.
            _ = next.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }

        // Pages are collected first and swapped in together: readers never see half a list.
        var changes = cache.Replace(objects);
        _version.Listed(resourceVersion);
        _needsList = false;
        Progressed();
        InformerLog.Listed(logger, Name, objects.Count, resourceVersion, requested);
        if (HasSynced)
        {
            metrics?.Relisted(Name);
        }

        foreach (var (old, updated) in changes)
        {
            Notify(old, updated);
        }

        _synced.TrySetResult();
        Interlocked.Exchange(ref _relistsDone, relistsCovered);
        Interlocked.Exchange(ref _listed, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>False when the watch ended because a relist was asked for.</summary>
    private async Task<bool> WatchAsync(CancellationToken cancellationToken)
    {
        // Never 0: a real server reads timeoutSeconds=0 as "no timeout", and the watchdog below would then fire on
        // every healthy but quiet watch. The options already refuse a minimum under 1 s; this keeps truncation honest.
        var timeoutSeconds = Math.Max(1, (int)(options.MinWatchTimeout.TotalSeconds * (1 + random.NextDouble())));
        var idleLimit = TimeSpan.FromSeconds(timeoutSeconds) + options.IdleMargin;
        var resourceVersion = LastResourceVersion!;
        InformerLog.Watching(logger, Name, resourceVersion, timeoutSeconds);

        using var idle = new CancellationTokenSource(idleLimit, timeProvider);
        using var stop = new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token, stop.Token);
        // Published before the count is read: an asker either stops this watch or is seen here.
        Interlocked.Exchange(ref _stopWatch, stop);
        if (Interlocked.Read(ref _relistsAsked) > Interlocked.Read(ref _relistsDone))
        {
            return false;
        }

        var startedAt = timeProvider.GetUtcNow();
        var events = 0;
        try
        {
            await foreach (var evt in source.WatchAsync(resourceVersion, timeoutSeconds, linked.Token).WithCancellation(linked.Token))
            {
                idle.CancelAfter(idleLimit);
                events++;
                Progressed();
                Apply(evt);
            }
        }
        catch (Exception) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Asked to relist: however the cancelled stream ended, the list that follows reads everything again.
            return false;
        }
        catch (Exception ex) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new InformerRestartException(RestartReason.Idle, $"No watch event for {idleLimit}: presumed half-open. {ex.Message}");
        }

        if (stop.IsCancellationRequested)
        {
            return false;
        }

        if (events == 0 && timeProvider.GetUtcNow() - startedAt < options.MinWatchDuration)
        {
            throw new InformerRestartException(RestartReason.ShortWatch, "The watch ended without events as soon as it started.");
        }

        return true;
    }

    private void Apply(WatchEvent<TRaw> evt)
    {
        // Bookmarks only move the resourceVersion; failed transforms were logged and counted.
        switch (evt.Kind)
        {
            case WatchEventType.Added or WatchEventType.Modified when Transform(evt.Item!) is { } obj:
                Notify(cache.Upsert(obj), obj);
                break;
            case WatchEventType.Deleted when Transform(evt.Item!) is { } obj:
                // Prefer what handlers last saw; the final state still identifies the object if we never had it.
                Notify(cache.Delete(cache.Accessor.KeyOf(obj)) ?? obj, null);
                break;
        }

        if (!string.IsNullOrEmpty(evt.ResourceVersion))
        {
            _version.Observed(evt.ResourceVersion);
        }
    }

    private TObject? Transform(TRaw raw)
    {
        try
        {
            return transform(raw) ?? throw new InvalidOperationException("The transform returned null.");
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or OutOfMemoryException))
        {
            // A transform must be total; one bad object must not stop the informer for every other object. Running out
            // of memory says nothing about the object: skipping it would leave a hole in the cache, so that fails the list.
            InformerLog.TransformFailed(logger, Name, ex);
            metrics?.TransformFailed(Name);
            try
            {
                Volatile.Read(ref _onTransformFailed)?.Invoke(raw, ex);
            }
            catch (Exception reportFailure)
            {
                InformerLog.HandlerFailed(logger, Name, reportFailure);
            }

            return null;
        }
    }

    /// <summary>Hears of each object the transform skipped; it is not retried here, its next list or event tries again.</summary>
    public void OnTransformFailed(Action<TRaw, Exception> handler) => Volatile.Write(ref _onTransformFailed, handler);

    private void Notify(TObject? oldObject, TObject? newObject)
    {
        foreach (var handler in _handlers)
        {
            try
            {
                handler(oldObject, newObject);
            }
            catch (Exception ex)
            {
                // The cache is already written; a faulty handler must not stall the watch for everyone.
                InformerLog.HandlerFailed(logger, Name, ex);
                metrics?.HandlerFailed(Name);
            }
        }
    }

    private void OnRestart(Exception exception, TimeSpan delay)
    {
        Interlocked.CompareExchange(ref _failingSinceTicks, timeProvider.GetUtcNow().UtcTicks, 0);
        var reason = exception switch
        {
            InformerRestartException restart => restart.Reason,
            IOException or HttpRequestException or OperationCanceledException or TimeoutException => RestartReason.Transport,
            _ => RestartReason.Error,
        };
        if (reason == RestartReason.TooManyRequests)
        {
            InformerLog.Throttled(logger, Name, ((InformerRestartException)exception).RetryAfter, delay);
        }
        else
        {
            InformerLog.Restarting(logger, Name, reason, delay, exception);
        }

        metrics?.Restarted(Name, reason);
    }
}
