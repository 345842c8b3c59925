using KamajiKubeconfig.Controller.Hosting;
using KamajiKubeconfig.Queue;
using KamajiKubeconfig.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace KamajiKubeconfig.Tests.Hosting;

/// <summary>
/// The queue the production wiring builds retries a failing generator at most <see cref="ControllerOptions.MaxRetryDelay"/>
/// apart: after a run of failures, a deleted Secret is recreated within a minute of the API
/// server recovering, not after client-go's 1000 s.
/// </summary>
public class ControllerServicesRetryTests
{
    private readonly FakeTimeProvider _time = new();

    [TestCase(60)]
    [TestCase(5)]
    public void Queue_ManyFailures_RetriesNoLaterThanTheMaximumRetryDelay(int maxSeconds)
    {
        var options = new ControllerOptions { LeaderElect = false, MetricsBindAddress = null, HealthProbeBindAddress = null };
        if (maxSeconds != 60)
        {
            options = options with { MaxRetryDelay = TimeSpan.FromSeconds(maxSeconds) };
        }
        Assert.That(new ControllerOptions().MaxRetryDelay, Is.EqualTo(TimeSpan.FromSeconds(60)), "the documented default");
        using var handler = new StubApiHandler(_ => throw new InvalidOperationException("no request expected"));
        var services = new ServiceCollection().AddLogging().AddKubeconfigGenerator(options, handler.CreateClient(), "test");
        services.AddSingleton<TimeProvider>(_time);
        using var provider = services.BuildServiceProvider();
        var queue = provider.GetRequiredService<WorkQueue<string>>();

        for (var failure = 0; failure < 20; failure++)
        {
            queue.AddRateLimited("g");
            var expected = TimeSpan.FromTicks(Math.Min(TimeSpan.FromMilliseconds(5).Ticks << failure, TimeSpan.FromSeconds(maxSeconds).Ticks));
            AssertReadyAfter(queue, expected, $"failure {failure + 1}");
        }
        Assert.That(TimeSpan.FromMilliseconds(5).Ticks << 19, Is.GreaterThan(TimeSpan.FromSeconds(maxSeconds).Ticks), "the cap was reached");
    }

    /// <summary>Ready exactly after <paramref name="delay"/>; advanced a second at a time (the queue's timer re-arms at most every 10 s).</summary>
    private void AssertReadyAfter(WorkQueue<string> queue, TimeSpan delay, string what)
    {
        for (var left = delay - TimeSpan.FromTicks(1); left > TimeSpan.Zero; left -= TimeSpan.FromSeconds(1))
        {
            _time.Advance(left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1));
        }
        Assert.That(queue.Count, Is.Zero, $"{what}: ready before {delay}");
        _time.Advance(TimeSpan.FromTicks(1));
        Assert.That(queue.Count, Is.EqualTo(1), $"{what}: not ready after {delay}");
        var next = queue.GetAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        queue.Done(next!);
    }
}
