using KamajiKubeconfig.Informers;
using KamajiKubeconfig.Tests.Fakes;

namespace KamajiKubeconfig.Tests.Informers.Integration;

/// <summary>A real <see cref="Informer{TRaw,TObject}"/> running on the system clock, with its handler log and metrics.</summary>
internal sealed class LiveInformer<TRaw> : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    public LiveInformer(IListWatch<TRaw> source, Func<TRaw, Row> transform, InformerOptions options)
    {
        Informer = new Informer<TRaw, Row>(source, transform, Cache, options, TimeProvider.System, new Random(7), Log, Metrics);
        Informer.AddHandler(Seen.Record);
        _run = Informer.RunAsync(_stop.Token);
    }

    public InformerCache<Row> Cache { get; } = new(Row.Accessor);

    public Informer<TRaw, Row> Informer { get; }

    public HandlerLog Seen { get; } = new();

    public RecordingInformerMetrics Metrics { get; } = new();

    public InformerLogBuffer Log { get; } = new();

    public int Count(string metricsCall) => Metrics.Calls.Count(c => c == metricsCall);

    /// <summary>Short timeouts and backoff so that every recovery path runs within a second or two.</summary>
    public static InformerOptions Options(string name, int pageSize = 500, int minWatchSeconds = 2) => new()
    {
        Name = name,
        PageSize = pageSize,
        MinWatchTimeout = TimeSpan.FromSeconds(minWatchSeconds),
        IdleMargin = TimeSpan.FromSeconds(2),
        MinWatchDuration = TimeSpan.FromMilliseconds(200),
        Backoff = new BackoffOptions(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(500), 2.0, 0.5, TimeSpan.FromSeconds(5)),
    };

    public async Task SyncedAsync() => await Informer.WaitForSyncAsync(_stop.Token).WaitAsync(Deadline.Default);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run.WaitAsync(Deadline.Default);
        _stop.Dispose();
    }
}
