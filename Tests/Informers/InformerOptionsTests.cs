using KamajiKubeconfig.Informers;
using KamajiKubeconfig.Tests.Fakes;

namespace KamajiKubeconfig.Tests.Informers;

[CancelAfter(20_000)]
public class InformerOptionsTests
{
    private static IEnumerable<TestCaseData> TooShort()
    {
        yield return new TestCaseData(TimeSpan.FromMilliseconds(999)).SetArgDisplayNames("999ms");
        yield return new TestCaseData(TimeSpan.Zero).SetArgDisplayNames("0");
        yield return new TestCaseData(TimeSpan.FromSeconds(-5)).SetArgDisplayNames("-5s");
    }

    [TestCaseSource(nameof(TooShort))]
    public void MinWatchTimeout_BelowOneSecond_ThrowsOnConstruction(TimeSpan value)
    {
        Assert.That(
            () => new InformerOptions { Name = "secrets", MinWatchTimeout = value },
            Throws.TypeOf<ArgumentOutOfRangeException>()
                .With.Property(nameof(ArgumentOutOfRangeException.ParamName)).EqualTo(nameof(InformerOptions.MinWatchTimeout))
                .And.Message.Contain("at least 1 s"));
    }

    [Test]
    public void MinWatchTimeout_BelowOneSecondThroughWith_Throws()
    {
        var options = new InformerOptions { Name = "secrets" };

        Assert.That(() => options with { MinWatchTimeout = TimeSpan.FromMilliseconds(500) }, Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public async Task Watch_MinWatchTimeoutOneSecond_AsksForAtLeastOneSecond()
    {
        // r = 0 gives the shortest draw: 1 s × (1 + 0). Truncating to whole seconds must never reach 0, which a real
        // server reads as "no timeout at all".
        await using var h = new InformerHarness(new ScriptedRandom(0.0), options: new InformerOptions { Name = "test-objects", MinWatchTimeout = TimeSpan.FromSeconds(1) });

        var watch = await h.StartSyncedAsync("10");

        Assert.That(watch.TimeoutSeconds, Is.EqualTo(1));
    }
}
