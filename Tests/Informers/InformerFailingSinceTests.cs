using KamajiKubeconfig.Informers;
using KamajiKubeconfig.Tests.Fakes;

namespace KamajiKubeconfig.Tests.Informers;

/// <summary>
/// <see cref="Informer{TRaw,TObject}.FailingSince"/>, which readiness reads: set by the first of a
/// run of failed attempts and kept through the later ones, cleared by anything that shows the server serving us
/// (a list, a watch event, a watch that ended cleanly).
/// </summary>
[CancelAfter(20_000)]
public class InformerFailingSinceTests
{
    private static readonly TestObject A = TestObject.Of("ns1", "a").At("3");

    [Test]
    public async Task FailingSince_RepeatedWatchFailures_IsTheTimeOfTheFirst()
    {
        await using var h = new InformerHarness();
        var watch = await h.StartSyncedAsync("10", A);
        Assert.That(h.Informer.FailingSince, Is.Null, "synced and watching");
        var first = h.Time.GetUtcNow();

        watch.Fail(new IOException("reset"));
        await h.ElapseBackoffAsync();
        watch = await h.Source.NextWatchAsync();
        watch.Fail(new HttpRequestException("refused"));
        await h.ElapseBackoffAsync();
        await h.Source.NextWatchAsync();

        Assert.That(h.Informer.FailingSince, Is.EqualTo(first));
    }

    [Test]
    public async Task FailingSince_WatchEventAfterFailures_IsCleared()
    {
        await using var h = new InformerHarness();
        var watch = await h.StartSyncedAsync("10", A);
        watch.Fail(new IOException("reset"));
        await h.ElapseBackoffAsync();
        watch = await h.Source.NextWatchAsync();
        Assert.That(h.Informer.FailingSince, Is.Not.Null, "a watch that is open but silent proves nothing yet");

        watch.Added(TestObject.Of("ns1", "b"), "11");
        await h.Changes.TakeAsync(1);

        Assert.That(h.Informer.FailingSince, Is.Null);
    }

    [Test]
    public async Task FailingSince_RelistAfterExpiredVersion_IsCleared()
    {
        await using var h = new InformerHarness();
        var watch = await h.StartSyncedAsync("10", A);
        watch.Fail(new InformerRestartException(RestartReason.Expired, "too old"));
        await h.ElapseBackoffAsync();
        await h.Source.NextListCallAsync();
        Assert.That(h.Informer.FailingSince, Is.Not.Null);

        h.Source.AnswerList("20", A, TestObject.Of("ns1", "b"));
        await h.Changes.TakeAsync(1);

        Assert.That(h.Informer.FailingSince, Is.Null);
    }

    [Test]
    public async Task FailingSince_WatchEndsCleanlyAfterFailures_IsCleared()
    {
        await using var h = new InformerHarness();
        var watch = await h.StartSyncedAsync("10", A);
        watch.Fail(new IOException("reset"));
        await h.ElapseBackoffAsync();
        watch = await h.Source.NextWatchAsync();

        // The server's own timeout: no events, but long enough not to count as a watch that ended as it started.
        h.Time.Advance(TimeSpan.FromSeconds(2));
        watch.End();
        await h.Source.NextWatchAsync();

        Assert.That(h.Informer.FailingSince, Is.Null);
    }
}
