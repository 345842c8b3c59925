using KamajiKubeconfig.Informers;
using KamajiKubeconfig.Tests.Fakes;

namespace KamajiKubeconfig.Tests.Informers;

/// <summary>
/// Which resourceVersion each list asks for (client-go reflector <c>relistResourceVersion</c>, except the first):
/// "" (a consistent, paged read) first, the last synced version for a relist that is not about expiry, and "" again
/// once a version proved unavailable.
/// </summary>
[CancelAfter(20_000)]
public class InformerRelistVersionTests
{
    private static readonly TestObject A = TestObject.Of("ns1", "a").At("3");
    private static readonly TestObject C = TestObject.Of("ns2", "c").At("11");

    private static IEnumerable<TestCaseData> UnavailableAnswers()
    {
        yield return new TestCaseData(new InformerRestartException(RestartReason.Expired, "410")).SetArgDisplayNames("410");
        yield return new TestCaseData(new InformerRestartException(RestartReason.TooLargeResourceVersion, "too large")).SetArgDisplayNames("too large");
    }

    [Test]
    public async Task Watch_Expired_RelistsWithConsistentReadAndWatchesFromItsVersion()
    {
        await using var h = new InformerHarness();
        var watch = await h.StartSyncedAsync("10", A);
        watch.Added(C, "11").Fail(new InformerRestartException(RestartReason.Expired, "410"));

        await h.ElapseBackoffAsync();
        var relist = await h.Source.NextListCallAsync();
        h.Source.AnswerList("30", A, C);
        var next = await h.Source.NextWatchAsync();

        // A cache-served "0" could answer from behind version 11, which handlers already saw; at "11" a paged list is
        // an Exact read of a version the server just told us it no longer has.
        Assert.That(relist, Is.EqualTo(new FakeListWatch<TestObject>.ListCall("", null, 500)));
        Assert.That(next.ResourceVersion, Is.EqualTo("30"));
    }

    [Test]
    public async Task Watch_TooLargeResourceVersion_RelistsAtLastSyncedVersion()
    {
        await using var h = new InformerHarness();
        var watch = await h.StartSyncedAsync("10", A);
        watch.Bookmark("12").Fail(new InformerRestartException(RestartReason.TooLargeResourceVersion, "too large"));

        await h.ElapseBackoffAsync();
        var relist = await h.Source.NextListCallAsync();
        h.Source.AnswerList("12", A);
        var next = await h.Source.NextWatchAsync();

        Assert.Multiple(() =>
        {
            Assert.That(relist, Is.EqualTo(new FakeListWatch<TestObject>.ListCall("12", null, 500)));
            Assert.That(next.ResourceVersion, Is.EqualTo("12"));
            Assert.That(h.Metrics.Calls, Is.EqualTo(new[] { "restarted:TooLargeResourceVersion", "relisted" }));
        });
    }

    [TestCaseSource(nameof(UnavailableAnswers))]
    public async Task Relist_AtLastSyncedVersionAnswersUnavailable_FallsBackToConsistentRead(Exception answer)
    {
        await using var h = new InformerHarness();
        var watch = await h.StartSyncedAsync("10", A);
        watch.Fail(new InformerRestartException(RestartReason.TooLargeResourceVersion, "too large"));
        await h.ElapseBackoffAsync();
        var atLast = await h.Source.NextListCallAsync();

        h.Source.FailList(answer);
        await h.ElapseBackoffAsync();
        var fallback = await h.Source.NextListCallAsync();

        Assert.That(atLast.ResourceVersion, Is.EqualTo("10"));
        Assert.That(fallback.ResourceVersion, Is.Empty);
    }

    [Test]
    public async Task Lists_AcrossARunOfFailures_AskForZeroThenLastSyncedThenLatest()
    {
        await using var h = new InformerHarness();
        var versions = new List<string?>();
        h.Start();
        versions.Add((await h.Source.NextListCallAsync()).ResourceVersion);
        h.Source.AnswerList("10", A);
        var watch = await h.Source.NextWatchAsync();

        watch.Added(C, "11").Fail(new InformerRestartException(RestartReason.TooLargeResourceVersion, "too large"));
        await h.ElapseBackoffAsync();
        versions.Add((await h.Source.NextListCallAsync()).ResourceVersion);
        h.Source.AnswerList("11", A, C);
        watch = await h.Source.NextWatchAsync();

        watch.Bookmark("15").Fail(new InformerRestartException(RestartReason.Expired, "410"));
        await h.ElapseBackoffAsync();
        versions.Add((await h.Source.NextListCallAsync()).ResourceVersion);

        Assert.That(versions, Is.EqualTo(new[] { "", "11", "" }));
    }

    [Test]
    public async Task Relist_ConsistentReadFailsForAnotherReason_StaysConsistentUntilOneSucceeds()
    {
        await using var h = new InformerHarness();
        var watch = await h.StartSyncedAsync("10", A);
        watch.Fail(new InformerRestartException(RestartReason.Expired, "410"));
        await h.ElapseBackoffAsync();
        await h.Source.NextListCallAsync();

        h.Source.FailList(new IOException("reset"));
        await h.ElapseBackoffAsync();
        var retry = await h.Source.NextListCallAsync();
        h.Source.AnswerList("30", A);
        watch = await h.Source.NextWatchAsync();

        // The consistent read succeeded, so "30" is available again: the next relist that is not about expiry uses it.
        watch.Fail(new InformerRestartException(RestartReason.TooLargeResourceVersion, "too large"));
        await h.ElapseBackoffAsync();
        var afterSuccess = await h.Source.NextListCallAsync();

        Assert.That(retry.ResourceVersion, Is.Empty);
        Assert.That(afterSuccess.ResourceVersion, Is.EqualTo("30"));
    }

    [Test]
    public async Task List_ContinueTokenExpiredOnFirstList_RestartsWithConsistentRead()
    {
        await using var h = new InformerHarness();
        h.Start();
        await h.Source.NextListCallAsync();
        h.Source.AnswerList(new ListPage<TestObject>([A], "10", "token-1"));
        var second = await h.Source.NextListCallAsync();

        h.Source.FailList(new InformerRestartException(RestartReason.Expired, "410"));
        await h.ElapseBackoffAsync();
        var restart = await h.Source.NextListCallAsync();

        Assert.That(second, Is.EqualTo(new FakeListWatch<TestObject>.ListCall(null, "token-1", 500)), "continue pages carry only the token");
        Assert.That(restart, Is.EqualTo(new FakeListWatch<TestObject>.ListCall("", null, 500)));
    }

    [Test]
    public async Task Relist_PagedAtLastSyncedVersion_ContinuePagesCarryOnlyTheToken()
    {
        await using var h = new InformerHarness();
        var watch = await h.StartSyncedAsync("10", A);
        watch.Fail(new InformerRestartException(RestartReason.TooLargeResourceVersion, "too large"));
        await h.ElapseBackoffAsync();
        var first = await h.Source.NextListCallAsync();

        h.Source.AnswerList(new ListPage<TestObject>([A], "10", "token-2"));
        var second = await h.Source.NextListCallAsync();

        Assert.That(first, Is.EqualTo(new FakeListWatch<TestObject>.ListCall("10", null, 500)));
        Assert.That(second, Is.EqualTo(new FakeListWatch<TestObject>.ListCall(null, "token-2", 500)));
    }
}
