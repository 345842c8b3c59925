using System.Collections.Immutable;
using k8s;
using Microsoft.Extensions.Logging;

namespace KamajiKubeconfig.Informers;

/// <summary>
/// One list/watch loop feeding one cache (client-go's reflector, YARP's <c>ResourceInformer</c>): paged list,
/// atomic replace, watch from the list's resourceVersion with bookmarks, re-watch on a clean end, relist when the
/// server cannot serve our resourceVersion (410, or "too large"; see <see cref="LastSyncedVersion"/>),
/// jittered exponential backoff on failures, and a watchdog for half-open connections. Each raw object is
/// trimmed by the transform before it is stored. Nothing runs until <see cref="RunAsync"/>.
/// </summary>
/// <param name="source">Lists and watches raw objects (see <see cref="KubernetesListWatch{TRaw}"/>).</param>
/// <param name="transform">Trims a raw object to the stored record; must be total and cheap.</param>
/// <param name="cache">The cache this informer alone writes.</param>
/// <param name="options">Name, page size, watch timeouts and backoff.</param>
/// <param name="timeProvider">Clock for backoff delays and the idle watchdog.</param>
/// <param name="random">Jitter source, used only from the loop; pass <see cref="Random.Shared"/> in production.</param>
/// <param name="logger">Receives restarts and failures; never object content.</param>
/// <param name="metrics">Restart and relist counters; none by default.</param>
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
    private readonly IListWatch<TRaw> _source = source ?? throw new ArgumentNullException(nameof(source));
    private readonly Func<TRaw, TObject> _transform = transform ?? throw new ArgumentNullException(nameof(transform));
    private readonly InformerCache<TObject> _cache = cache ?? throw new ArgumentNullException(nameof(cache));
    private readonly InformerOptions _options = options ?? throw new ArgumentNullException(nameof(options));
    private readonly TimeProvider _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
    private readonly Random _random = random ?? throw new ArgumentNullException(nameof(random));
    private readonly ILogger _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    private readonly IInformerMetrics? _metrics = metrics;
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly LastSyncedVersion _version = new();
    private ImmutableArray<Action<TObject?, TObject?>> _handlers = [];
    private int _started;
    private bool _needsList = true;
    private long _failingSinceTicks;
    private Action<TRaw, Exception>? _onTransformFailed;

    public string Name => _options.Name;

    public bool HasSynced => _synced.Task.IsCompleted;

    /// <summary>The resourceVersion the next watch starts from; null before the first list.</summary>
    public string? LastResourceVersion => _version.Value;

    public Task WaitForSyncAsync(CancellationToken cancellationToken) => _synced.Task.WaitAsync(cancellationToken);

    public DateTimeOffset? FailingSince => Interlocked.Read(ref _failingSinceTicks) is var ticks and > 0
        ? new DateTimeOffset(ticks, TimeSpan.Zero)
        : null;

    /// <summary>A list, a watch event or a watch that ended cleanly: the server is serving us.</summary>
    private void Progressed() => Interlocked.Exchange(ref _failingSinceTicks, 0);

    /// <summary>
    /// Registers a handler, called with (old, new) after each later cache write, on the informer's loop: old is null
    /// for an add, new for a delete, and the cache already holds new. Handlers must be quick and must not throw (map
    /// to keys and enqueue, nothing more). Register before <see cref="RunAsync"/> so the initial list reaches it as adds.
    /// </summary>
    public void AddHandler(Action<TObject?, TObject?> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ImmutableInterlocked.Update(ref _handlers, static (list, h) => list.Add(h), handler);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException($"Informer {Name} is already running.");
        }

        var pipeline = RestartPipeline.Build(_options.Backoff, _time, _random, OnRestart);
        try
        {
            await pipeline.ExecuteAsync(ListAndWatchAsync, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping is the normal way out.
        }
    }

    /// <summary>
    /// One attempt: list if needed, then watch until something fails. A clean end re-watches here, and so does
    /// every other failure after the backoff: a watch from our version replays all we missed, so only a version
    /// the server cannot serve calls for a relist.
    /// </summary>
    private async ValueTask ListAndWatchAsync(CancellationToken cancellationToken)
    {
        var listing = _needsList;
        try
        {
            if (listing)
            {
                await ListAsync(cancellationToken);
                listing = false;
            }

            while (true)
            {
                await WatchAsync(cancellationToken);
                Progressed();
                _metrics?.Restarted(Name, RestartReason.Closed);
            }
        }
        catch (InformerRestartException e) when (e.Reason is RestartReason.Expired or RestartReason.TooLargeResourceVersion)
        {
            // A list refused so (its version, or its continue token's snapshot) reads the latest state next time.
            // After a watch's 410, likewise, and not a list at our version as client-go would try first: our pages
            // make that an Exact read of a version the server just called gone, and one served from etcd could
            // succeed while the watch cache still refuses it, looping list → watch → 410.
            // After a watch's "too large", this server is behind what we saw (a lagging replica, or storage restored
            // from a backup). Re-watching would wait for it, or after a restore skip events silently. A list at our
            // version succeeds once it has caught up, or answers "too large" too, and then the next attempt reads
            // the latest state.
            if (listing || e.Reason == RestartReason.Expired)
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
        string? continueToken = null;
        string resourceVersion;
        do
        {
            // Only the first page names a version; the token pins every later page to the first page's snapshot.
            var page = await _source.ListAsync(continueToken is null ? requested : null, continueToken, _options.PageSize, cancellationToken);
            objects.AddRange(page.Items.Select(Transform).OfType<TObject>());
            resourceVersion = page.ResourceVersion;
            continueToken = string.IsNullOrEmpty(page.Continue) ? null : page.Continue;
        }
        while (continueToken is not null);

        // Pages are collected first and swapped in together: readers never see half a list.
        var changes = _cache.Replace(objects);
        _version.Listed(resourceVersion);
        _needsList = false;
        Progressed();
        InformerLog.Listed(_logger, Name, objects.Count, resourceVersion, requested);
        if (HasSynced)
        {
            _metrics?.Relisted(Name);
        }

        foreach (var (old, updated) in changes)
        {
            Notify(old, updated);
        }

        _synced.TrySetResult();
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        // Never 0: a real server reads timeoutSeconds=0 as "no timeout", and the watchdog below would then fire on
        // every healthy but quiet watch. The options already refuse a minimum under 1 s; this keeps truncation honest.
        var timeoutSeconds = Math.Max(1, (int)(_options.MinWatchTimeout.TotalSeconds * (1 + _random.NextDouble())));
        var idleLimit = TimeSpan.FromSeconds(timeoutSeconds) + _options.IdleMargin;
        var resourceVersion = LastResourceVersion!;
        InformerLog.Watching(_logger, Name, resourceVersion, timeoutSeconds);

        using var idle = new CancellationTokenSource(idleLimit, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
        var startedAt = _time.GetUtcNow();
        var events = 0;
        try
        {
            await foreach (var evt in _source.WatchAsync(resourceVersion, timeoutSeconds, linked.Token).WithCancellation(linked.Token))
            {
                idle.CancelAfter(idleLimit);
                events++;
                Progressed();
                Apply(evt);
            }
        }
        catch (Exception ex) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new InformerRestartException(RestartReason.Idle, $"No watch event for {idleLimit}: presumed half-open. {ex.Message}");
        }

        if (events == 0 && _time.GetUtcNow() - startedAt < _options.MinWatchDuration)
        {
            throw new InformerRestartException(RestartReason.ShortWatch, "The watch ended without events as soon as it started.");
        }
    }

    private void Apply(WatchEvent<TRaw> evt)
    {
        switch (evt.Kind)
        {
            case WatchEventType.Added or WatchEventType.Modified when Transform(evt.Item!) is { } obj:
                Notify(_cache.Upsert(obj), obj);
                break;
            case WatchEventType.Deleted when Transform(evt.Item!) is { } obj:
                // Prefer what handlers last saw; the final state still identifies the object if we never had it.
                Notify(_cache.Delete(_cache.Accessor.KeyOf(obj)) ?? obj, null);
                break;
            default:
                // Bookmarks only move the resourceVersion; failed transforms were logged and counted.
                break;
        }

        if (!string.IsNullOrEmpty(evt.ResourceVersion))
        {
            _version.Observed(evt.ResourceVersion);
        }
    }

    /// <summary>The stored record of <paramref name="raw"/>; null when the transform failed (logged, counted, reported).</summary>
    private TObject? Transform(TRaw raw)
    {
        try
        {
            return _transform(raw) ?? throw new InvalidOperationException("The transform returned null.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A transform must be total; one bad object must not stop the informer for every other object.
            InformerLog.TransformFailed(_logger, Name, ex);
            _metrics?.TransformFailed(Name);
            ReportPoison(raw, ex);
            return null;
        }
    }

    /// <summary>
    /// Who else hears of an object the transform could not handle (the host records a Warning Event on it). Skipped
    /// objects are reported, never retried here: the next list or watch event for them tries again.
    /// </summary>
    public void OnTransformFailed(Action<TRaw, Exception> handler) => Volatile.Write(ref _onTransformFailed, handler);

    private void ReportPoison(TRaw raw, Exception failure)
    {
        try
        {
            Volatile.Read(ref _onTransformFailed)?.Invoke(raw, failure);
        }
        catch (Exception ex)
        {
            InformerLog.HandlerFailed(_logger, Name, ex);
        }
    }

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
                InformerLog.HandlerFailed(_logger, Name, ex);
                _metrics?.HandlerFailed(Name);
            }
        }
    }

    private void OnRestart(Exception exception, TimeSpan delay)
    {
        Interlocked.CompareExchange(ref _failingSinceTicks, _time.GetUtcNow().UtcTicks, 0);
        var reason = exception switch
        {
            InformerRestartException restart => restart.Reason,
            IOException or HttpRequestException or OperationCanceledException or TimeoutException => RestartReason.Transport,
            _ => RestartReason.Error,
        };
        if (reason == RestartReason.TooManyRequests)
        {
            InformerLog.Throttled(_logger, Name, ((InformerRestartException)exception).RetryAfter, delay);
        }
        else
        {
            InformerLog.Restarting(_logger, Name, reason, delay, exception);
        }

        _metrics?.Restarted(Name, reason);
    }
}
