using KamajiKubeconfig.Informers;
using KamajiKubeconfig.Tests.Fakes;

namespace KamajiKubeconfig.Tests.Informers;

[CancelAfter(20_000)]
public class InformerListTests
{
    private static readonly TestObject A = TestObject.Of("ns1", "a").At("3");
    private static readonly TestObject B = TestObject.Of("ns1", "b").At("4");
    private static readonly TestObject C = TestObject.Of("ns2", "c").At("5");

    [Test]
    public async Task RunAsync_FirstList_StoresItemsNotifiesAddsAndWatchesFromListVersion()
    {
        await using var h = new InformerHarness();
        h.Start();

        var call = await h.Source.NextListCallAsync();
        h.Source.AnswerList("10", A, B);
        var watch = await h.Source.NextWatchAsync();
        var changes = await h.Changes.TakeAsync(2);

        Assert.Multiple(() =>
        {
            Assert.That(call, Is.EqualTo(new FakeListWatch<TestObject>.ListCall("", null, 500)));
            Assert.That(changes, Is.EquivalentTo(new (TestObject? Old, TestObject? New)[]
            {
                (null, A),
                (null, B),
            }));
            Assert.That(h.Cache.Snapshot.List(), Is.EquivalentTo(new[] { A, B }));
            Assert.That(watch.ResourceVersion, Is.EqualTo("10"));
            Assert.That(h.Informer.HasSynced, Is.True);
        });
    }

    [Test]
    public async Task RunAsync_PagedList_FollowsContinueAndSyncsOnlyAfterLastPage()
    {
        await using var h = new InformerHarness();
        h.Start();
        await h.Source.NextListCallAsync();
        h.Source.AnswerList(new ListPage<TestObject>([A, B], "10", "token-1"));

        var second = await h.Source.NextListCallAsync();
        var syncedBeforeLastPage = h.Informer.HasSynced;
        var cachedBeforeLastPage = h.Cache.Snapshot.Count;
        h.Source.AnswerList(new ListPage<TestObject>([C], "10", null));
        await h.Informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(Deadline.Default);
        var watch = await h.Source.NextWatchAsync();

        Assert.Multiple(() =>
        {
            Assert.That(second, Is.EqualTo(new FakeListWatch<TestObject>.ListCall(null, "token-1", 500)));
            Assert.That(syncedBeforeLastPage, Is.False);
            Assert.That(cachedBeforeLastPage, Is.Zero, "pages are swapped in together");
            Assert.That(h.Cache.Snapshot.List(), Is.EquivalentTo(new[] { A, B, C }));
            Assert.That(watch.ResourceVersion, Is.EqualTo("10"));
        });
    }

    [Test]
    public async Task RunAsync_PagedList_AsksForTheNextPageBeforeTransformingThisOne()
    {
        var listCallsAtFirstTransform = -1;
        FakeListWatch<TestObject>? source = null;
        await using var h = new InformerHarness(transform: o =>
        {
            if (listCallsAtFirstTransform < 0)
            {
                listCallsAtFirstTransform = source!.ListCount;
            }
            return o;
        });
        source = h.Source;
        h.Start();
        await h.Source.NextListCallAsync();
        h.Source.AnswerList(new ListPage<TestObject>([A, B], "10", "token-1"));
        await h.Source.NextListCallAsync();
        h.Source.AnswerList(new ListPage<TestObject>([C], "10", null));
        await h.Informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(Deadline.Default);

        Assert.That(listCallsAtFirstTransform, Is.EqualTo(2), "page 2 is requested before page 1 is transformed");
        Assert.That(h.Cache.Snapshot.List(), Is.EquivalentTo(new[] { A, B, C }));
    }

    [Test]
    public async Task RunAsync_OutOfMemoryInTransform_FailsTheListInsteadOfSkippingTheObject()
    {
        var failNext = true;
        await using var h = new InformerHarness(transform: o =>
        {
            if (o == B && failNext)
            {
                failNext = false;
#pragma warning disable CA2201 // What the runtime throws when an allocation fails, which is the case under test.
                throw new OutOfMemoryException();
#pragma warning restore CA2201
            }
            return o;
        });
        h.Start();
        await h.Source.NextListCallAsync();
        h.Source.AnswerList("10", A, B);

        await h.ElapseBackoffAsync();
        await h.Source.NextListCallAsync();
        var syncedAfterFailure = h.Informer.HasSynced;
        h.Source.AnswerList("11", A, B);
        await h.Informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(Deadline.Default);

        Assert.Multiple(() =>
        {
            Assert.That(syncedAfterFailure, Is.False, "a list with a hole is never swapped in");
            Assert.That(h.Cache.Snapshot.List(), Is.EquivalentTo(new[] { A, B }));
            Assert.That(h.Metrics.Calls, Does.Not.Contain("transform-failed"));
        });
    }

    [Test]
    public async Task RunAsync_ListExpired_RelistsAfterBackoff()
    {
        await using var h = new InformerHarness();
        h.Start();
        await h.Source.NextListCallAsync();
        h.Source.FailList(new InformerRestartException(RestartReason.Expired, "410"));

        await h.ElapseBackoffAsync();
        await h.Source.NextListCallAsync();
        h.Source.AnswerList("20", A);
        var watch = await h.Source.NextWatchAsync();

        Assert.Multiple(() =>
        {
            Assert.That(h.Informer.HasSynced, Is.True);
            Assert.That(watch.ResourceVersion, Is.EqualTo("20"));
            Assert.That(h.Metrics.Calls, Is.EqualTo(new[] { "restarted:Expired" }));
        });
    }

    [Test]
    public async Task Watch_ExpiredErrorEvent_RelistsAndReportsSyntheticDeletes()
    {
        await using var h = new InformerHarness();
        var watch = await h.StartSyncedAsync("10", A, B);

        watch.Fail(new InformerRestartException(RestartReason.Expired, "410"));
        await h.ElapseBackoffAsync();
        await h.Source.NextListCallAsync();
        h.Source.AnswerList("20", A, C);
        var next = await h.Source.NextWatchAsync();
        var changes = await h.Changes.TakeAsync(2);

        Assert.Multiple(() =>
        {
            Assert.That(changes, Is.EquivalentTo(new (TestObject? Old, TestObject? New)[]
            {
                (null, C),
                (B, null),
            }), "A did not change, so it is not reported again");
            Assert.That(h.Changes.Pending, Is.Zero);
            Assert.That(h.Cache.Snapshot.List(), Is.EquivalentTo(new[] { A, C }));
            Assert.That(next.ResourceVersion, Is.EqualTo("20"));
            Assert.That(h.Metrics.Calls, Is.EqualTo(new[] { "restarted:Expired", "relisted" }));
        });
    }

    [Test]
    public async Task Watch_ExpiredAfterPagedRelist_StartsListFromScratch()
    {
        await using var h = new InformerHarness();
        var watch = await h.StartSyncedAsync("10", A);

        watch.Fail(new InformerRestartException(RestartReason.Expired, "410"));
        await h.ElapseBackoffAsync();
        var call = await h.Source.NextListCallAsync();

        Assert.That(call.ContinueToken, Is.Null);
    }

    [Test]
    public async Task HasSynced_BeforeFirstListCompletes_IsFalse()
    {
        await using var h = new InformerHarness();
        h.Start();

        await h.Source.NextListCallAsync();

        Assert.That(h.Informer.HasSynced, Is.False);
        Assert.That(h.Informer.WaitForSyncAsync(CancellationToken.None).IsCompleted, Is.False);
    }

    [Test]
    public async Task RunAsync_Transform_StoresTheTrimmedObject()
    {
        await using var h = new InformerHarness(transform: o => o with { References = [] });
        h.Start();
        h.Source.AnswerList("10", A.Refs("bulky"));

        await h.Source.NextWatchAsync();

        Assert.That(h.Cache.Snapshot.Get(A.Key)!.References, Is.Empty);
    }

    [Test]
    public async Task RunAsync_CalledTwice_Throws()
    {
        await using var h = new InformerHarness();
        h.Start();

        Assert.That(() => h.Informer.RunAsync(CancellationToken.None), Throws.InvalidOperationException);
    }

    [Test]
    public async Task RunAsync_Cancelled_CompletesQuietly()
    {
        var h = new InformerHarness();
        h.Start();
        await h.Source.NextListCallAsync();

        await h.DisposeAsync();

        Assert.That(h.Run.IsCompletedSuccessfully, Is.True);
    }
}
