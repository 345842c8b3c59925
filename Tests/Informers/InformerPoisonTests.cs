using KamajiKubeconfig.Tests.Fakes;

namespace KamajiKubeconfig.Tests.Informers;

/// <summary>
/// Issue 14 (3): an object the informer cannot handle is skipped and reported (log, metric, and the host's
/// Event through <c>OnTransformFailed</c>) while every other object keeps flowing; issue 15 (4): an informer that
/// keeps failing says since when, so readiness can tell a stuck cache from a live one.
/// </summary>
public class InformerPoisonTests
{
    private static TestObject Poisoned(TestObject o) => o.Name == "poison" ? throw new FormatException("cannot decode") : o;

    [Test]
    public async Task List_OnePoisonObject_SkippedReportedAndTheOthersStored()
    {
        await using var h = new InformerHarness(transform: Poisoned);
        var reported = new List<(string Name, string Error)>();
        h.Informer.OnTransformFailed((raw, e) => reported.Add((raw.Name, e.Message)));

        h.Start();
        await h.Source.NextListCallAsync();
        h.Source.AnswerList("10", TestObject.Of("ns", "a"), TestObject.Of("ns", "poison"), TestObject.Of("ns", "z"));
        await h.Source.NextWatchAsync();
        await h.Changes.TakeAsync(2);

        Assert.Multiple(() =>
        {
            Assert.That(h.Cache.Snapshot.List().Select(o => o.Name).Order(), Is.EqualTo(new[] { "a", "z" }));
            Assert.That(reported, Is.EqualTo(new[] { ("poison", "cannot decode") }));
            Assert.That(h.Informer.HasSynced, Is.True);
        });
    }

    [Test]
    public async Task Watch_PoisonEventThenANormalOne_TheNormalOneArrives()
    {
        await using var h = new InformerHarness(transform: Poisoned);
        var reported = 0;
        h.Informer.OnTransformFailed((_, _) => reported++);
        var watch = await h.StartSyncedAsync("10");

        watch.Added(TestObject.Of("ns", "poison"), "11");
        watch.Added(TestObject.Of("ns", "next"), "12");
        await h.Changes.TakeAsync(1);

        Assert.That((h.Cache.Snapshot.List().Single().Name, reported), Is.EqualTo(("next", 1)));
    }

    [Test]
    public async Task FailingSince_SetOnTheFirstFailureAndClearedByTheNextList()
    {
        await using var h = new InformerHarness();
        var watch = await h.StartSyncedAsync("10");
        Assert.That(h.Informer.FailingSince, Is.Null);

        var failedAt = h.Time.GetUtcNow();
        watch.Fail(new HttpRequestException("connection refused"));
        await h.ElapseBackoffAsync();

        Assert.That(h.Informer.FailingSince, Is.EqualTo(failedAt));
        var next = await h.Source.NextWatchAsync();
        next.Added(TestObject.Of("ns", "a"), "11");
        await h.Changes.TakeAsync(1);
        Assert.That(h.Informer.FailingSince, Is.Null);
    }
}
