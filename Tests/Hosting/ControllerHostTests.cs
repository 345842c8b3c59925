using KamajiKubeconfig.Controller.Hosting;
using KamajiKubeconfig.Controller.Workers;
using KamajiKubeconfig.Tests.Fakes;
using KamajiKubeconfig.Tests.Workers;

namespace KamajiKubeconfig.Tests.Hosting;

/// <summary>
/// The orchestration (docs/design.md, "Leader election and orchestration"): workers only once the caches synced and this process leads, a resync of
/// every generator after a period jittered by the injected randomness, and a shutdown that lets in-flight passes
/// finish their writes before the workers' token is cancelled.
/// </summary>
[CancelAfter(20_000)]
public class ControllerHostTests
{
    private static readonly ControllerOptions Options = new() { Workers = 2, CacheResyncPeriod = TimeSpan.FromHours(10) };

    [Test]
    public async Task Execute_WorkersStartOnlyOnceCachesSyncedAndLeading()
    {
        await using var h = new HostHarness(Options, new ScriptedRandom(0.5));
        h.Runner.Always(WorkerHarness.Completed());
        await h.StartAsync();

        await HostHarness.AnswerFirstListAsync(h.Generators, [HostHarness.Generator("g1"), HostHarness.Generator("g2")]);
        await HostHarness.AnswerFirstListAsync(h.Tenants, []);
        await HostHarness.AnswerFirstListAsync(h.Namespaces, []);
        await HostHarness.AnswerFirstListAsync(h.ManagedSecrets, []);
        Assert.That(h.LeadershipAsked.IsCompleted, Is.False, "one cache has not synced");
        await HostHarness.AnswerFirstListAsync(h.KamajiSecrets, []);
        await h.LeadershipAsked;

        Assert.That((h.Runner.Count, h.Host.Running.IsCompleted), Is.EqualTo((0, false)), "synced but not leading: no pass");
        Assert.That(await h.NotReadyAsync(), Is.Empty, "a synced standby is ready");
        h.GrantLeadership();
        await h.Host.Running.WaitAsync(Deadline.Default);

        Assert.That(await h.NextPassesAsync(2), Is.EquivalentTo(new[] { "g1", "g2" }));
    }

    [Test]
    public async Task Resync_EveryGeneratorIsEnqueuedAfterThePeriodJitteredByTheInjectedRandom()
    {
        // NextDouble 0.0 then 1.0: the first period is 0.9 × 10 h, the second 1.1 × 10 h.
        await using var h = new HostHarness(Options, new ScriptedRandom(0.5, 0.0, 1.0));
        h.Runner.Always(WorkerHarness.Completed());
        await h.StartAsync();
        await h.SyncAsync("g1", "g2");
        h.GrantLeadership();
        await h.NextPassesAsync(2);

        var first = await h.Time.NextTimerAsync(due => due >= TimeSpan.FromHours(1));
        h.Time.Advance(first);
        var resynced = await h.NextPassesAsync(2);
        var second = await h.Time.NextTimerAsync(due => due >= TimeSpan.FromHours(1));

        Assert.That((first, second), Is.EqualTo((TimeSpan.FromHours(9), TimeSpan.FromHours(11))));
        Assert.That(resynced, Is.EquivalentTo(new[] { "g1", "g2" }));
    }

    [Test]
    public async Task Readiness_InformerFailingLongerThanTheBound_IsNotReadyUntilItRecovers()
    {
        var options = Options with { InformerStaleAfter = TimeSpan.FromMinutes(2) };
        await using var h = new HostHarness(options, new ScriptedRandom(0.5));
        await h.StartAsync();
        Assert.That(await h.NotReadyAsync(), Is.EqualTo(new[] { "informers" }), "not synced yet");
        await h.SyncAsync();
        await h.LeadershipAsked;
        Assert.That(await h.NotReadyAsync(), Is.Empty, "synced");
        var recovered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Caches.NamespaceInformer.AddHandler((_, _) => recovered.TrySetResult());

        var watch = await h.Namespaces.NextWatchAsync();
        watch.Fail(new HttpRequestException("connection refused"));
        // The informer's backoff (1.2 s), armed once the failure was recorded; not the queue's 500 ms metrics sampling.
        await h.Time.NextTimerAsync(due => due >= TimeSpan.FromSeconds(1) && due < TimeSpan.FromMinutes(1));
        h.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.That(await h.NotReadyAsync(), Is.Empty, "failing for exactly the bound: still ready");
        h.Time.Advance(TimeSpan.FromTicks(1));
        Assert.That(await h.NotReadyAsync(), Is.EqualTo(new[] { "informers" }), "failing for longer than the bound");

        // The retried watch delivers an event: the server is serving this informer again.
        watch = await h.Namespaces.NextWatchAsync();
        watch.Added(new k8s.Models.V1Namespace { Metadata = new k8s.Models.V1ObjectMeta { Name = "ns", ResourceVersion = "2" } }, "2");
        await recovered.Task.WaitAsync(Deadline.Default);

        Assert.That(await h.NotReadyAsync(), Is.Empty);
    }

    [Test]
    public async Task Stop_PassInFlight_FinishesItsWritesBeforeTheWorkersAreCancelled()
    {
        await using var h = new HostHarness(Options, new ScriptedRandom(0.5));
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool? cancelledWhenDone = null;
        h.Runner.Then(async ct =>
        {
            await release.Task;
            cancelledWhenDone = ct.IsCancellationRequested;
            return WorkerHarness.Completed();
        });
        await h.StartAsync();
        await h.SyncAsync("g1");
        h.GrantLeadership();
        await h.Runner.NextCallAsync();

        var stopping = h.StopAsync();
        Assert.That(stopping.IsCompleted, Is.False, "waits for the pass in flight");
        release.SetResult();
        await stopping;

        Assert.That(cancelledWhenDone, Is.False, "the pass ran to its end with its token intact");
        Assert.That(h.Observer.Passes.Select(p => p.Decision), Is.EqualTo(new[] { WorkerDecision.Forget }));
        Assert.That(h.Queue.ShuttingDown, Is.True);
    }

    [Test]
    public async Task Stop_PassHungOnARequest_IsCancelledAfterTheDrainTimeoutWithoutThrowing()
    {
        await using var h = new HostHarness(Options with { ShutdownDrainTimeout = TimeSpan.FromSeconds(15) }, new ScriptedRandom(0.5));
        bool? cancelled = null;
        h.Runner.Then(async ct =>
        {
            // A write that never answers: only the workers' token ends it.
            var ended = await Task.Delay(Timeout.InfiniteTimeSpan, ct).ContinueWith(t => t.IsCanceled, TaskScheduler.Default);
            cancelled = ended;
            ct.ThrowIfCancellationRequested();
            return WorkerHarness.Completed();
        });
        await h.StartAsync();
        await h.SyncAsync("g1");
        h.GrantLeadership();
        await h.Runner.NextCallAsync();

        var stopping = h.StopAsync();
        Assert.That(await h.Time.NextTimerAsync(due => due == TimeSpan.FromSeconds(15)), Is.EqualTo(TimeSpan.FromSeconds(15)));
        Assert.That(stopping.IsCompleted, Is.False, "drains first");
        h.Time.Advance(TimeSpan.FromSeconds(15));
        await stopping;

        Assert.That(cancelled, Is.True, "the hung pass was cancelled once the drain timed out");
    }
}
