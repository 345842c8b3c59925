using KamajiKubeconfig.Informers;
using KamajiKubeconfig.Tests.Fakes;

namespace KamajiKubeconfig.Tests.Informers;

[CancelAfter(20_000)]
public class InformerWatchTests
{
    private static readonly TestObject A = TestObject.Of("ns1", "a").At("3").Refs("ca-1");
    private static readonly TestObject B = TestObject.Of("ns1", "b").At("4").Refs("ca-1");
    private static readonly TestObject C = TestObject.Of("ns2", "c").At("11");

    private static IEnumerable<TestCaseData> TransportFailures()
    {
        yield return new TestCaseData(new IOException("Connection reset by peer")).SetArgDisplayNames("IOException");
        yield return new TestCaseData(new HttpRequestException("Error while copying content to a stream."))
            .SetArgDisplayNames("HttpRequestException");
        yield return new TestCaseData(new HttpIOException(HttpRequestError.ResponseEnded, "The response ended prematurely"))
            .SetArgDisplayNames("HttpIOException");
        yield return new TestCaseData(new EndOfStreamException()).SetArgDisplayNames("EndOfStreamException");
    }

    [Test]
    public async Task Watch_AddModifyDelete_HandlersSeeOldAndNewAndCacheFollows()
    {
        await using var h = new InformerHarness();
        var watch = await h.StartSyncedAsync("10", A, B);
        var a2 = A.At("12").Refs("ca-2");

        watch.Added(C, "11").Modified(a2, "12").Deleted(B.At("13"), "13");
        var changes = await h.Changes.TakeAsync(3);

        Assert.Multiple(() =>
        {
            Assert.That(changes, Is.EqualTo(new (TestObject? Old, TestObject? New)[]
            {
                (null, C),
                (A, a2),
                (B, null),
            }));
            Assert.That(h.Cache.Snapshot.List(), Is.EquivalentTo(new[] { a2, C }));
            Assert.That(h.Cache.Snapshot.ByIndex(TestObject.ByReference, "ca-1"), Is.Empty);
            Assert.That(h.Cache.Snapshot.ByIndex(TestObject.ByReference, "ca-2"), Is.EquivalentTo(new[] { a2 }));
            Assert.That(h.Informer.LastResourceVersion, Is.EqualTo("13"));
        });
    }

    [Test]
    public async Task Watch_Bookmark_AdvancesVersionWithoutTouchingCacheOrHandlers()
    {
        await using var h = new InformerHarness();
        var watch = await h.StartSyncedAsync("10", A);

        watch.Bookmark("42").Added(C, "43").End();
        await h.Changes.TakeAsync(1);
        var next = await h.Source.NextWatchAsync();

        Assert.That(next.ResourceVersion, Is.EqualTo("43"));

        next.Bookmark("50").End();
        var afterBookmark = await h.Source.NextWatchAsync();

        Assert.Multiple(() =>
        {
            Assert.That(afterBookmark.ResourceVersion, Is.EqualTo("50"));
            Assert.That(h.Changes.Pending, Is.Zero);
            Assert.That(h.Cache.Snapshot.Count, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Watch_CleanEndAfterEvents_RewatchesAtOnceFromLastVersionWithoutRelist()
    {
        await using var h = new InformerHarness();
        var watch = await h.StartSyncedAsync("10", A);

        watch.Added(C, "11").End();
        var next = await h.Source.NextWatchAsync();

        Assert.Multiple(() =>
        {
            Assert.That(next.ResourceVersion, Is.EqualTo("11"));
            Assert.That(h.Source.ListCount, Is.EqualTo(1));
            Assert.That(h.Metrics.Calls, Is.EqualTo(new[] { "restarted:Closed" }));
        });
    }

    [Test]
    public async Task Watch_EmptyStreamEndingAtOnce_BacksOffThenRewatchesFromSameVersion()
    {
        await using var h = new InformerHarness();
        var watch = await h.StartSyncedAsync("10", A);

        watch.End();
        var delay = await h.Time.NextBackoffAsync();
        var watchedBeforeDelay = h.Source.WatchCount;
        h.Time.Advance(delay);
        var next = await h.Source.NextWatchAsync();

        Assert.Multiple(() =>
        {
            Assert.That(delay, Is.EqualTo(TimeSpan.FromSeconds(1.2)));
            Assert.That(watchedBeforeDelay, Is.EqualTo(1), "no hot loop on empty streams");
            Assert.That(next.ResourceVersion, Is.EqualTo("10"));
            Assert.That(h.Source.ListCount, Is.EqualTo(1));
            Assert.That(h.Metrics.Calls, Is.EqualTo(new[] { "restarted:ShortWatch" }));
        });
    }

    [TestCaseSource(nameof(TransportFailures))]
    public async Task Watch_DroppedStream_RewatchesFromLastVersionAfterBackoffWithoutRelist(Exception failure)
    {
        await using var h = new InformerHarness();
        var watch = await h.StartSyncedAsync("10", A);

        watch.Added(C, "11").Fail(failure);
        await h.ElapseBackoffAsync();
        var next = await h.Source.NextWatchAsync();

        Assert.Multiple(() =>
        {
            Assert.That(next.ResourceVersion, Is.EqualTo("11"));
            Assert.That(h.Source.ListCount, Is.EqualTo(1));
            Assert.That(h.Cache.Snapshot.Get(C.Key), Is.EqualTo(C));
            Assert.That(h.Metrics.Calls, Is.EqualTo(new[] { "restarted:Transport" }));
        });
    }

    [Test]
    public async Task Watch_ServerErrorInStream_BacksOffAndRewatchesWithoutRelist()
    {
        await using var h = new InformerHarness();
        var watch = await h.StartSyncedAsync("10", A);

        watch.Fail(new InformerRestartException(RestartReason.Error, "500 InternalError"));
        await h.ElapseBackoffAsync();
        var next = await h.Source.NextWatchAsync();

        Assert.Multiple(() =>
        {
            Assert.That(next.ResourceVersion, Is.EqualTo("10"));
            Assert.That(h.Source.ListCount, Is.EqualTo(1));
            Assert.That(h.Metrics.Calls, Is.EqualTo(new[] { "restarted:Error" }));
        });
    }

    [Test]
    public async Task Watch_SilentHalfOpenConnection_IsCancelledAfterTimeoutPlusMarginAndReconnects()
    {
        await using var h = new InformerHarness();
        var watch = await h.StartSyncedAsync("10", A);
        var watchdog = await h.Time.NextWatchdogAsync();

        h.Time.Advance(watchdog - TimeSpan.FromSeconds(1));
        var restartedEarly = h.Metrics.Calls.Count;
        h.Time.Advance(TimeSpan.FromSeconds(1));
        await h.ElapseBackoffAsync();
        var next = await h.Source.NextWatchAsync();

        Assert.Multiple(() =>
        {
            Assert.That(watch.TimeoutSeconds, Is.EqualTo(450), "5 min × (1 + 0.5)");
            Assert.That(watchdog, Is.EqualTo(TimeSpan.FromSeconds(450 + 30)));
            Assert.That(restartedEarly, Is.Zero);
            Assert.That(next.ResourceVersion, Is.EqualTo("10"));
            Assert.That(h.Metrics.Calls, Is.EqualTo(new[] { "restarted:Idle" }));
        });
    }

    [Test]
    public async Task Watch_BookmarkBeforeIdleLimit_KeepsTheWatchAlive()
    {
        await using var h = new InformerHarness();
        var watch = await h.StartSyncedAsync("10", A);
        var watchdog = await h.Time.NextWatchdogAsync();

        h.Time.Advance(watchdog - TimeSpan.FromSeconds(10));
        watch.Bookmark("20");
        watch.Added(C, "21");
        await h.Changes.TakeAsync(1);
        h.Time.Advance(TimeSpan.FromSeconds(20));
        watch.End();
        var next = await h.Source.NextWatchAsync();

        Assert.Multiple(() =>
        {
            Assert.That(h.Metrics.Calls, Is.EqualTo(new[] { "restarted:Closed" }), "the deadline moved with the last event");
            Assert.That(next.ResourceVersion, Is.EqualTo("21"));
        });
    }

    [Test]
    public async Task Handler_Throws_IsCountedAndLaterEventsStillFlow()
    {
        await using var h = new InformerHarness();
        var calls = 0;
        h.Informer.AddHandler((_, _) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                throw new InvalidOperationException("buggy handler");
            }
        });
        var watch = await h.StartSyncedAsync("10");

        watch.Added(A, "11").Added(C, "12");
        var changes = await h.Changes.TakeAsync(2);

        Assert.Multiple(() =>
        {
            Assert.That(changes.Select(c => c.New), Is.EqualTo(new[] { A, C }));
            Assert.That(h.Cache.Snapshot.Count, Is.EqualTo(2));
            Assert.That(h.Metrics.Calls, Is.EqualTo(new[] { "handler-failed" }));
        });
    }
}
