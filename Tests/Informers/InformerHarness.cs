using KamajiKubeconfig.Informers;
using KamajiKubeconfig.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace KamajiKubeconfig.Tests.Informers;

/// <summary>
/// An informer wired to fakes: scripted source, observable fake clock, scripted randomness (0.5 unless told
/// otherwise, so the watch timeout is 450 s and backoff delays are 1.2 s, 2.4 s, 4.8 s…), recorded handlers
/// and metrics.
/// </summary>
internal sealed class InformerHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _run;

    public InformerHarness(Random? random = null, Func<TestObject, TestObject>? transform = null, InformerOptions? options = null)
    {
        Informer = new Informer<TestObject, TestObject>(
            Source,
            transform ?? (o => o),
            Cache,
            options ?? new InformerOptions { Name = "test-objects" },
            Time,
            random ?? new ScriptedRandom(0.5),
            NullLogger.Instance,
            Metrics);
        Informer.AddHandler(Changes.Record);
    }

    public FakeListWatch<TestObject> Source { get; } = new();

    public ObservableTimeProvider Time { get; } = new();

    public RecordingInformerMetrics Metrics { get; } = new();

    public InformerCache<TestObject> Cache { get; } = new(TestObject.Accessor, TestObject.Indexers);

    public ChangeRecorder<TestObject> Changes { get; } = new();

    public Informer<TestObject, TestObject> Informer { get; }

    public Task Run => _run ?? throw new InvalidOperationException("Not started.");

    public void Start() => _run = Informer.RunAsync(_stop.Token);

    /// <summary>Starts, takes and answers the first list call, and returns the first watch.</summary>
    public async Task<FakeWatch<TestObject>> StartSyncedAsync(string resourceVersion, params TestObject[] items)
    {
        Start();

        // Taken here, so that a test's next NextListCallAsync is the relist it is about.
        await Source.NextListCallAsync();
        Source.AnswerList(resourceVersion, items);
        var watch = await Source.NextWatchAsync();
        await Changes.TakeAsync(items.Length);
        return watch;
    }

    /// <summary>Waits for the backoff timer the informer arms after a failure, fires it, returns its delay.</summary>
    public async Task<TimeSpan> ElapseBackoffAsync()
    {
        var delay = await Time.NextBackoffAsync();
        Time.Advance(delay);
        return delay;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            await _run.WaitAsync(Deadline.Default);
        }

        _stop.Dispose();
    }
}
