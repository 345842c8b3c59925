using KamajiKubeconfig.Informers;
using KamajiKubeconfig.Tests.Fakes;

namespace KamajiKubeconfig.Tests.Informers;

[CancelAfter(20_000)]
public class InformerBackoffTests
{
    private static readonly TestObject A = TestObject.Of("ns1", "a").At("3");

    [Test]
    public async Task RunAsync_ConsecutiveFailures_WaitExactJitteredDelaysBeforeEachNewWatch()
    {
        await using var h = new InformerHarness();
        var watch = await h.StartSyncedAsync("10", A);
        var delays = new List<TimeSpan>();

        for (var i = 0; i < 3; i++)
        {
            watch.Fail(new IOException("reset"));
            var delay = await h.Time.NextBackoffAsync();
            delays.Add(delay);
            h.Time.Advance(delay - TimeSpan.FromMilliseconds(1));
            Assert.That(h.Source.NoPendingWatch, Is.True, "no new watch before the delay has passed");
            h.Time.Advance(TimeSpan.FromMilliseconds(1));
            watch = await h.Source.NextWatchAsync();
        }

        Assert.That(delays, Is.EqualTo(new[] { TimeSpan.FromSeconds(1.2), TimeSpan.FromSeconds(2.4), TimeSpan.FromSeconds(4.8) }));
    }

    [Test]
    public async Task RunAsync_FailureAfterTwoHealthyMinutes_BacksOffFromTheStartAgain()
    {
        await using var h = new InformerHarness();
        var watch = await h.StartSyncedAsync("10", A);
        watch.Fail(new IOException("reset"));
        await h.ElapseBackoffAsync();
        watch = await h.Source.NextWatchAsync();
        watch.Fail(new IOException("reset"));
        await h.ElapseBackoffAsync();
        watch = await h.Source.NextWatchAsync();

        h.Time.Advance(TimeSpan.FromMinutes(2));
        watch.Fail(new IOException("reset"));
        var delay = await h.Time.NextBackoffAsync();

        Assert.That(delay, Is.EqualTo(TimeSpan.FromSeconds(1.2)));
    }

    [Test]
    public async Task RunAsync_WatchTimeout_IsDrawnBetweenFiveAndTenMinutes()
    {
        await using var h = new InformerHarness(new ScriptedRandom(0.5, 0.0, 0.999));

        var first = await h.StartSyncedAsync("10", A);
        first.Added(TestObject.Of("ns1", "b"), "11").End();
        var second = await h.Source.NextWatchAsync();

        Assert.That(first.TimeoutSeconds, Is.EqualTo(300));
        Assert.That(second.TimeoutSeconds, Is.EqualTo(599));
    }

    [Test]
    public async Task Watch_ThrottledRepeatedly_WaitsRetryAfterWhileTheBackoffKeepsGrowingUnderIt()
    {
        await using var h = new InformerHarness();
        var watch = await h.StartSyncedAsync("10", A);
        var delays = new List<TimeSpan>();

        for (var i = 0; i < 3; i++)
        {
            watch.Fail(new InformerRestartException(RestartReason.TooManyRequests, "429") { RetryAfter = TimeSpan.FromSeconds(2) });
            var delay = await h.Time.NextBackoffAsync();
            delays.Add(delay);
            h.Time.Advance(delay - TimeSpan.FromMilliseconds(1));
            Assert.That(h.Source.NoPendingWatch, Is.True, "no new watch before the delay has passed");
            h.Time.Advance(TimeSpan.FromMilliseconds(1));
            watch = await h.Source.NextWatchAsync();
        }

        Assert.Multiple(() =>
        {
            // max(2 s, backoff): 2 s over 1.2 s, then the backoff's own 2.4 s and 4.8 s.
            Assert.That(delays, Is.EqualTo(new[] { TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2.4), TimeSpan.FromSeconds(4.8) }));
            Assert.That(watch.ResourceVersion, Is.EqualTo("10"));
            Assert.That(h.Source.ListCount, Is.EqualTo(1), "throttling is no reason to relist");
            Assert.That(h.Metrics.Calls, Is.EqualTo(Enumerable.Repeat("restarted:TooManyRequests", 3)));
        });
    }
}
