using System.Text;
using k8s;
using k8s.Models;
using KamajiKubeconfig.Controller.Leadership;
using KamajiKubeconfig.Sandbox;
using KamajiKubeconfig.Tests.Observability;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Moq;

namespace KamajiKubeconfig.Tests.Leadership;

/// <summary>
/// <see cref="LeaseLeadership"/> against the sandbox API server over HTTPS, with short timings (docs/kubernetes-notes.md B10):
/// it acquires and reports it, releases the Lease on stop without emptying it, a second instance waits and takes
/// over once the first stops, and a Lease taken by another holder cancels <see cref="ILeadership.Lost"/> and stops
/// the application. Real time, polled with deadlines.
/// </summary>
[CancelAfter(30_000)]
public class LeaseLeadershipTests
{
    private static readonly LeaseTimings Timings = new(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(200));
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private static readonly string MasterStatus = $"leader_election_master_status{{name=\"{ControllerMetricsFixture.Lease}\"}}";

    private SandboxServer _sandbox = null!;
    private Kubernetes _admin = null!;
    private readonly List<IAsyncDisposable> _instances = [];

    [OneTimeSetUp]
    public async Task StartSandboxAsync()
    {
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions());
        _admin = new Kubernetes(Config());
    }

    [OneTimeTearDown]
    public async Task StopSandboxAsync()
    {
        _admin.Dispose();
        await _sandbox.DisposeAsync();
    }

    [TearDown]
    public async Task StopInstancesAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }
        _instances.Clear();
    }

    [Test]
    public async Task Run_FreeLease_AcquiresReportsItAndReleasesTheLeaseOnStop()
    {
        var lease = Unique();
        var first = Start(lease, "first");

        await first.Leadership.WaitForLeadershipAsync(CancellationToken.None).WaitAsync(Deadline);
        Assert.That(first.Leadership.IsLeader, Is.True);
        Assert.That((await ReadAsync(lease)).Spec.HolderIdentity, Is.EqualTo("first"));
        Assert.That(first.Metrics.Value(MasterStatus), Is.EqualTo(1));

        await first.Leadership.StopAsync(CancellationToken.None);

        var released = (await ReadAsync(lease)).Spec;
        Assert.That((released.HolderIdentity, released.LeaseDurationSeconds), Is.EqualTo(("first", 1)), "expiring at once, every field kept");
        Assert.That(first.Leadership.Lost.IsCancellationRequested, Is.False, "a release is not a loss");
        first.Lifetime.Verify(l => l.StopApplication(), Times.Never());
        Assert.That(first.Logger.Collector.GetSnapshot().Select(r => r.Message), Has.Some.EqualTo($"Released Lease default/{lease}"));
    }

    [Test]
    public async Task Stop_HostTokenAlreadyCancelled_StillReleasesTheLease()
    {
        // Shutdown that used up the host's timeout (a pass hung on a request) still hands the Lease over.
        var lease = Unique();
        var first = Start(lease, "first");
        await first.Leadership.WaitForLeadershipAsync(CancellationToken.None).WaitAsync(Deadline);

        await first.Leadership.StopAsync(new CancellationToken(canceled: true));

        Assert.That((await ReadAsync(lease)).Spec.LeaseDurationSeconds, Is.EqualTo(1));
    }

    [Test]
    public async Task Run_SecondInstance_WaitsWhileTheFirstLeadsThenTakesOver()
    {
        var lease = Unique();
        var first = Start(lease, "first");
        await first.Leadership.WaitForLeadershipAsync(CancellationToken.None).WaitAsync(Deadline);
        var second = Start(lease, "second");

        // Longer than the lease: the first keeps renewing, so the second must keep waiting.
        await Task.Delay(Timings.LeaseDuration + TimeSpan.FromSeconds(1));
        Assert.That(second.Leadership.IsLeader, Is.False, "the Lease is held and renewed");
        var stopped = DateTime.UtcNow;
        await first.Leadership.StopAsync(CancellationToken.None);
        await second.Leadership.WaitForLeadershipAsync(CancellationToken.None).WaitAsync(Deadline);

        Assert.That(DateTime.UtcNow - stopped, Is.LessThan(Timings.LeaseDuration * 2), "taken over within about a lease duration");
        Assert.That((await ReadAsync(lease)).Spec.HolderIdentity, Is.EqualTo("second"));
        Assert.That(second.Metrics.Value(MasterStatus), Is.EqualTo(1));
    }

    [Test]
    public async Task Run_AnotherHolderForcedIn_CancelsLostAndStopsTheApplication()
    {
        var lease = Unique();
        var first = Start(lease, "first");
        await first.Leadership.WaitForLeadershipAsync(CancellationToken.None).WaitAsync(Deadline);
        Assert.That(first.Metrics.Value(MasterStatus), Is.EqualTo(1));

        await ForceHolderAsync(lease, "intruder");
        await Task.Delay(Timeout.InfiniteTimeSpan, first.Leadership.Lost).ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(Deadline);

        // Lost is cancelled just before the application is told to stop: wait for that call rather than race it.
        var deadline = DateTime.UtcNow + Deadline;
        while (!first.Lifetime.Invocations.Any(i => i.Method.Name == nameof(IHostApplicationLifetime.StopApplication)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.That(first.Leadership.IsLeader, Is.False);
        first.Lifetime.Verify(l => l.StopApplication(), Times.Once());
        Assert.That(first.Metrics.Value(MasterStatus), Is.Zero);
        Assert.That(first.Logger.Collector.GetSnapshot().Where(r => r.Level == LogLevel.Error).Select(r => r.Message),
            Has.Some.EqualTo($"Lost leadership on Lease default/{lease}: stopping"));
        await first.Leadership.StopAsync(CancellationToken.None);
        Assert.That((await ReadAsync(lease)).Spec.HolderIdentity, Is.EqualTo("intruder"), "another holder's Lease is never released");
    }

    /// <summary>Another holder takes the Lease: read and replace, again on a conflict with the holder's own renewals.</summary>
    private async Task ForceHolderAsync(string lease, string holder)
    {
        for (var attempt = 1; ; attempt++)
        {
            var taken = await ReadAsync(lease);
            var now = MicroTime(DateTime.UtcNow);
            taken.Spec.HolderIdentity = holder;
            taken.Spec.AcquireTime = now;
            taken.Spec.RenewTime = now;
            taken.Spec.LeaseDurationSeconds = 60;
            try
            {
                await _admin.CoordinationV1.ReplaceNamespacedLeaseAsync(taken, lease, "default");
                return;
            }
            catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Conflict && attempt < 20)
            {
                // The holder renewed in between: read again.
            }
        }
    }

    private static string Unique() => $"lease-{Guid.NewGuid().ToString("N")[..8]}";

    private async Task<V1Lease> ReadAsync(string lease) => await _admin.CoordinationV1.ReadNamespacedLeaseAsync(lease, "default");

    private Instance Start(string lease, string identity)
    {
        var instance = new Instance(new Kubernetes(Config()), lease, identity);
        _instances.Add(instance);
        instance.Leadership.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        return instance;
    }

    /// <summary>A MicroTime with a non-zero fraction: the client drops a zero fraction, which servers reject.</summary>
    private static DateTime MicroTime(DateTime utc) => new(utc.Ticks - (utc.Ticks % 10) + (utc.Ticks % TimeSpan.TicksPerSecond < 10 ? 10 : 0), DateTimeKind.Utc);

    private KubernetesClientConfiguration Config()
    {
        using var kubeconfig = new MemoryStream(Encoding.UTF8.GetBytes(_sandbox.Kubeconfig()));
        return KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig);
    }

    /// <summary>One replica's leadership, with its own client, metrics, lifetime and log.</summary>
    private sealed class Instance : IAsyncDisposable
    {
        private readonly Kubernetes _client;

        public Instance(Kubernetes client, string lease, string identity)
        {
            _client = client;
            Leadership = new LeaseLeadership(client, "default", lease, identity, Timings, Lifetime.Object, TimeProvider.System, Metrics.Metrics, Logger);
        }

        public LeaseLeadership Leadership { get; }

        public Mock<IHostApplicationLifetime> Lifetime { get; } = new();

        public ControllerMetricsFixture Metrics { get; } = new();

        public FakeLogger<LeaseLeadership> Logger { get; } = new();

        public async ValueTask DisposeAsync()
        {
            await Leadership.StopAsync(CancellationToken.None);
            Leadership.Dispose();
            _client.Dispose();
        }
    }
}
