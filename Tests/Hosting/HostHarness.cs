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
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace KamajiKubeconfig.Tests.Hosting;

/// <summary>
/// A <see cref="ControllerHost"/> built by the production wiring (<see cref="ControllerServices"/>: real queue,
/// workers, readiness check) with the edges replaced: caches over scripted list/watch sources, a leadership the test
/// grants, a scripted pass runner, scripted resync jitter and an observable fake clock. The API client answers
/// nothing: every pass goes through the scripted runner.
/// </summary>
internal sealed class HostHarness : IAsyncDisposable
{
    private readonly TaskCompletionSource _leadershipAsked = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _leading = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _lost = new();
    private readonly StubApiHandler _api = new(_ => throw new InvalidOperationException("no request expected"));
    private readonly ServiceProvider _services;
    private bool _stopped;

    public HostHarness(ControllerOptions options, Random resyncJitter)
    {
        Caches = new ClusterCaches(Generators, Tenants, Namespaces, ManagedSecrets, KamajiSecrets, Time, new ScriptedRandom(0.5),
            NullLoggerFactory.Instance, Mock.Of<IInformerMetrics>());
        Observer = new RecordingWorkerObserver(new Mock<IWorkerObserver>().Object);
        var leadership = new Mock<ILeadership>();
        leadership.Setup(l => l.WaitForLeadershipAsync(It.IsAny<CancellationToken>()))
            .Returns((CancellationToken ct) =>
            {
                _leadershipAsked.TrySetResult();
                return _leading.Task.WaitAsync(ct);
            });
        leadership.Setup(l => l.Lost).Returns(_lost.Token);
        var services = new ServiceCollection().AddLogging()
            .AddKubeconfigGenerator(options with { LeaderElect = false, MetricsBindAddress = null, HealthProbeBindAddress = null }, _api.CreateClient(), "test");
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton(resyncJitter);
        services.AddSingleton(Caches);
        services.AddSingleton(leadership.Object);
        services.AddSingleton<IPassRunner>(Runner);
        services.AddSingleton<IWorkerObserver>(Observer);
        _services = services.BuildServiceProvider();
        Host = _services.GetRequiredService<ControllerHost>();
        Queue = _services.GetRequiredService<WorkQueue<string>>();
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

    public ControllerHost Host { get; }

    /// <summary>Completes when the host, caches synced, waits for leadership.</summary>
    public Task LeadershipAsked => _leadershipAsked.Task.WaitAsync(Deadline.Default);

    public void GrantLeadership() => _leading.TrySetResult();

    /// <summary>What <c>/readyz</c> would answer: the names of the failing readiness checks (none = ready).</summary>
    public async Task<IReadOnlyList<string>> NotReadyAsync()
    {
        var report = await _services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Tags.Contains(ObservabilityServer.ReadinessTag));
        return [.. report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => e.Key)];
    }

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
        await _services.DisposeAsync();
        _api.Dispose();
        _lost.Dispose();
    }
}
