using KamajiKubeconfig.Tests.Fakes;

namespace KamajiKubeconfig.Tests.Informers;

/// <summary>
/// A relist asked for by the owner of the transform (it now keeps more of each object): the watch ends, everything is
/// listed and transformed again, and the asker hears back only once a list that started after its request is cached.
/// </summary>
[CancelAfter(20_000)]
public class InformerRelistRequestTests
{
    private static readonly TestObject A = TestObject.Of("ns1", "a").At("3");

    [Test]
    public async Task Relist_WhileWatching_EndsTheWatchListsAgainAndCompletesAfterThatList()
    {
        await using var h = new InformerHarness();
        await h.StartSyncedAsync("10", A);

        var relist = h.Informer.RelistAsync(CancellationToken.None);
        var call = await h.Source.NextListCallAsync();

        Assert.That(relist.IsCompleted, Is.False, "not before the list is in the cache");
        var a2 = A.At("12");
        h.Source.AnswerList("12", a2);
        await relist.WaitAsync(Deadline.Default);
        var watch = await h.Source.NextWatchAsync();
        Assert.Multiple(() =>
        {
            Assert.That(call.ResourceVersion, Is.EqualTo("10"), "listed at our version: never behind what handlers saw");
            Assert.That(h.Cache.Snapshot.List(), Is.EqualTo(new[] { a2 }));
            Assert.That(watch.ResourceVersion, Is.EqualTo("12"));
            Assert.That(h.Metrics.Calls, Does.Contain("relisted"));
        });
    }

    [Test]
    public async Task Relist_AskedWhileAListRuns_IsAnsweredByTheListAfterIt()
    {
        await using var h = new InformerHarness();
        h.Start();
        await h.Source.NextListCallAsync();

        // That list may have transformed objects before the asker changed what the transform keeps.
        var relist = h.Informer.RelistAsync(CancellationToken.None);
        h.Source.AnswerList("10", A);
        await h.Informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(Deadline.Default);
        await h.Source.NextListCallAsync();

        Assert.That(relist.IsCompleted, Is.False);
        h.Source.AnswerList("11", A.At("11"));
        await relist.WaitAsync(Deadline.Default);
        await h.Source.NextWatchAsync();
        Assert.That(h.Source.ListCount, Is.EqualTo(2));
    }

    [Test]
    public async Task Relist_WhoseListFails_CompletesAfterTheRetriedList()
    {
        await using var h = new InformerHarness();
        await h.StartSyncedAsync("10", A);

        var relist = h.Informer.RelistAsync(CancellationToken.None);
        await h.Source.NextListCallAsync();
        h.Source.FailList(new IOException("Connection reset by peer"));
        await h.ElapseBackoffAsync();
        await h.Source.NextListCallAsync();

        Assert.That(relist.IsCompleted, Is.False);
        h.Source.AnswerList("12", A);
        await relist.WaitAsync(Deadline.Default);
    }
}
