using KamajiKubeconfig.Informers;
using KamajiKubeconfig.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace KamajiKubeconfig.Tests.Informers;

public class ReflectorBackoffTests
{
    private static TimeSpan Seconds(double s) => TimeSpan.FromSeconds(s);

    [Test]
    public void Next_HalfJitter_DoublesFrom800MillisecondsUpToTheCap()
    {
        var backoff = new ReflectorBackoff(BackoffOptions.Reflector, new FakeTimeProvider(), new ScriptedRandom(0.5));

        var delays = Enumerable.Range(0, 9).Select(_ => backoff.Next()).ToArray();

        // base 0.8, 1.6, 3.2, 6.4, 12.8, 25.6, then capped at 30; each × (1 + 0.5).
        Assert.That(delays, Is.EqualTo(new[]
        {
            Seconds(1.2), Seconds(2.4), Seconds(4.8), Seconds(9.6), Seconds(19.2), Seconds(38.4), Seconds(45), Seconds(45), Seconds(45),
        }));
    }

    [Test]
    public void Next_ZeroAndMaximalJitter_BoundTheDelay()
    {
        var backoff = new ReflectorBackoff(BackoffOptions.Reflector, new FakeTimeProvider(), new ScriptedRandom(0.5, 0.0, 0.999));

        Assert.That(backoff.Next(), Is.EqualTo(Seconds(0.8)));
        Assert.That(backoff.Next(), Is.EqualTo(TimeSpan.FromTicks((long)(16_000_000 * 1.999))));
    }

    [Test]
    public void Next_SeededRandom_GivesExactReproducibleDelays()
    {
        var backoff = new ReflectorBackoff(BackoffOptions.Reflector, new FakeTimeProvider(), new Random(42));

        var delays = Enumerable.Range(0, 3).Select(_ => backoff.Next()).ToArray();

        // Random(42) draws 0.6681…, 0.1409…, 0.1255…: 0.8 s·1.6681…, 1.6 s·1.1409…, 3.2 s·1.1255…
        Assert.That(delays, Is.EqualTo(new[]
        {
            TimeSpan.FromTicks(13_344_851), TimeSpan.FromTicks(18_254_516), TimeSpan.FromTicks(36_016_585),
        }));
    }

    [Test]
    public void Next_AfterTwoMinutesOfHealthyRunning_StartsOver()
    {
        var time = new FakeTimeProvider();
        var backoff = new ReflectorBackoff(BackoffOptions.Reflector, time, new ScriptedRandom(0.5));
        time.Advance(backoff.Next());
        time.Advance(backoff.Next());

        time.Advance(TimeSpan.FromMinutes(2));

        Assert.That(backoff.Next(), Is.EqualTo(Seconds(1.2)));
    }

    [Test]
    public void Next_FailingAgainWithinTwoMinutes_KeepsGrowing()
    {
        var time = new FakeTimeProvider();
        var backoff = new ReflectorBackoff(BackoffOptions.Reflector, time, new ScriptedRandom(0.5));
        time.Advance(backoff.Next());

        time.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromTicks(1));

        Assert.That(backoff.Next(), Is.EqualTo(Seconds(2.4)));
    }

    [Test]
    public void Next_RetryAfterLongerThanTheDelay_WaitsRetryAfter()
    {
        var backoff = new ReflectorBackoff(BackoffOptions.Reflector, new FakeTimeProvider(), new ScriptedRandom(0.5));

        Assert.That(backoff.Next(Seconds(10)), Is.EqualTo(Seconds(10)));
    }

    [Test]
    public void Next_RetryAfterShorterThanTheDelay_WaitsTheDelay()
    {
        var backoff = new ReflectorBackoff(BackoffOptions.Reflector, new FakeTimeProvider(), new ScriptedRandom(0.5));

        Assert.That(backoff.Next(Seconds(1)), Is.EqualTo(Seconds(1.2)));
    }

    [Test]
    public void Next_HostileRetryAfter_CountsForAtMostTheCap()
    {
        var backoff = new ReflectorBackoff(BackoffOptions.Reflector, new FakeTimeProvider(), new ScriptedRandom(0.5));

        Assert.That(backoff.Next(TimeSpan.FromDays(1)), Is.EqualTo(Seconds(30)));
    }

    [Test]
    public void Next_AfterRetryAfter_SequenceStillAdvances()
    {
        var backoff = new ReflectorBackoff(BackoffOptions.Reflector, new FakeTimeProvider(), new ScriptedRandom(0.5));

        backoff.Next(Seconds(10));

        Assert.That(backoff.Next(), Is.EqualTo(Seconds(2.4)));
    }

    [Test]
    public void Next_AfterALongRetryAfter_HealthyTimeCountsFromTheEndOfTheWait()
    {
        var time = new FakeTimeProvider();
        var backoff = new ReflectorBackoff(BackoffOptions.Reflector, time, new ScriptedRandom(0.5));
        time.Advance(backoff.Next(Seconds(30)));

        // 2 min minus a tick after the 30 s wait ended: not yet a fresh incident, although 2 min have passed
        // since the 1.2 s the backoff alone would have waited.
        time.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromTicks(1));

        Assert.That(backoff.Next(), Is.EqualTo(Seconds(2.4)));
    }
}
