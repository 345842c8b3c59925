using System.Text.Json;
using k8s.Models;
using KamajiKubeconfig.Controller.Cluster;
using KamajiKubeconfig.Controller.Hosting;
using KamajiKubeconfig.Controller.Leadership;
using KamajiKubeconfig.Controller.Observability;
using KamajiKubeconfig.Controller.Workers;
using KamajiKubeconfig.Informers;
using KamajiKubeconfig.Queue;
using KamajiKubeconfig.Reconcile;
using KamajiKubeconfig.Tests.Fakes;
using KamajiKubeconfig.Tests.Workers;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace KamajiKubeconfig.Tests.Hosting;

/// <summary>
/// A <see cref="ControllerHost"/> over the real caches, queue and workers, with scripted list/watch sources, a
/// leadership the test grants, a scripted pass runner, scripted resync jitter and an observable fake clock.
/// </summary>
internal sealed class HostHarness : IAsyncDisposable
{
    private readonly TaskCompletionSource _leadershipAsked = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _leading = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _lost = new();
    private bool _stopped;

    public HostHarness(ControllerOptions options, Random resyncJitter)
    {
        Caches = new ClusterCaches(Generators, Tenants, Namespaces, ManagedSecrets, KamajiSecrets, Time, new ScriptedRandom(0.5),
            NullLoggerFactory.Instance, NoopInformerMetrics.Instance);
        Queue = new WorkQueue<string>(RateLimiters.Default<string>(Time, options.MaxRetryDelay), Time);
        Observer = new RecordingWorkerObserver(new Mock<IWorkerObserver>().Object);
        var leadership = new Mock<ILeadership>();
        leadership.Setup(l => l.WaitForLeadershipAsync(It.IsAny<CancellationToken>()))
            .Returns((CancellationToken ct) =>
            {
                _leadershipAsked.TrySetResult();
                return _leading.Task.WaitAsync(ct);
            });
        leadership.Setup(l => l.Lost).Returns(_lost.Token);
        var timings = new WorkerTimings(options.PassTimeout, options.MaxRetryDelay);
        Host = new ControllerHost(Caches, Queue, leadership.Object,
            () => new ReconcileWorker(Queue, Runner, Time, timings, Observer, NullLogger<ReconcileWorker>.Instance),
            options, Readiness, new Mock<ILeaderElectionMetrics>().Object, Time, resyncJitter, NullLogger<ControllerHost>.Instance);
    }

    public ObservableTimeProvider Time { get; } = new();

    public FakeListWatch<JsonElement> Generators { get; } = new();

    public FakeListWatch<JsonElement> Tenants { get; } = new();

    public FakeListWatch<V1Namespace> Namespaces { get; } = new();

    public FakeListWatch<V1Secret> ManagedSecrets { get; } = new();

    public FakeListWatch<V1Secret> KamajiSecrets { get; } = new();

    public ClusterCaches Caches { get; }

    public WorkQueue<string> Queue { get; }

    public ScriptedPassRunner Runner { get; } = new();

    public RecordingWorkerObserver Observer { get; }

    public ReadinessChecks Readiness { get; } = new();

    public ControllerHost Host { get; }

    /// <summary>Completes when the host, caches synced, waits for leadership.</summary>
    public Task LeadershipAsked => _leadershipAsked.Task.WaitAsync(Deadline.Default);

    public void GrantLeadership() => _leading.TrySetResult();

    public bool Ready => Readiness.Evaluate().Ready;

    public static JsonElement Generator(string name) => JsonDocument.Parse($$$"""
        {"apiVersion":"{{{WellKnown.ApiVersion}}}","kind":"{{{WellKnown.GeneratorKind}}}",
         "metadata":{"name":"{{{name}}}","uid":"uid-{{{name}}}","resourceVersion":"1"},"spec":{}}
        """).RootElement.Clone();

    public Task StartAsync() => Host.StartAsync(CancellationToken.None);

    /// <summary>Answers every informer's first list: the given generators, and nothing else.</summary>
    public async Task SyncAsync(params string[] generators)
    {
        await AnswerFirstListAsync(Generators, [.. generators.Select(Generator)]);
        await AnswerFirstListAsync(Tenants, []);
        await AnswerFirstListAsync(Namespaces, []);
        await AnswerFirstListAsync(ManagedSecrets, []);
        await AnswerFirstListAsync(KamajiSecrets, []);
    }

    public static async Task AnswerFirstListAsync<T>(FakeListWatch<T> source, T[] items)
    {
        await source.NextListCallAsync();
        source.AnswerList("1", items);
    }

    /// <summary>The generators of the next <paramref name="count"/> passes, in any order.</summary>
    public async Task<IReadOnlyList<string>> NextPassesAsync(int count)
    {
        var names = new List<string>();
        for (var i = 0; i < count; i++)
        {
            names.Add(await Runner.NextCallAsync());
        }
        return names;
    }

    public async Task StopAsync()
    {
        _stopped = true;
        await Host.StopAsync(CancellationToken.None).WaitAsync(Deadline.Default);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            await StopAsync();
        }
        Host.Dispose();
        Queue.Dispose();
        _lost.Dispose();
    }
}
