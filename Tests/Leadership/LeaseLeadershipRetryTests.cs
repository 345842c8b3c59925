using k8s;
using KamajiKubeconfig.Controller.Leadership;
using KamajiKubeconfig.Tests.Fakes;
using KamajiKubeconfig.Tests.Observability;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Moq;

namespace KamajiKubeconfig.Tests.Leadership;

/// <summary>
/// Acquisition against an API server that refuses connections (docs/kubernetes-notes.md B10): the client's elector lets
/// the error escape, and <see cref="LeaseLeadership"/> tries again every RetryPeriod on the injected clock, logging
/// each failure with its exception.
/// </summary>
[CancelAfter(20_000)]
public class LeaseLeadershipRetryTests
{
    [Test]
    public async Task Run_ApiServerRefusesConnections_RetriesEveryRetryPeriodAndLogsTheException()
    {
        var time = new ObservableTimeProvider();
        var timings = LeaseTimings.Default;
        var requests = new CountingHandler();
        using var client = new Kubernetes(new KubernetesClientConfiguration { Host = $"http://127.0.0.1:{ClosedPort.Next()}" }, requests);
        var logger = new FakeLogger<LeaseLeadership>();
        var lifetime = new Mock<IHostApplicationLifetime>();
        using var leadership = new LeaseLeadership(client, "default", "lease", "me", timings, lifetime.Object, time,
            new ControllerMetricsFixture().Metrics, logger);

        await leadership.StartAsync(CancellationToken.None);
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            // Polly's wait, armed after the failure was logged.
            Assert.That(await time.NextTimerAsync(due => due > TimeSpan.Zero), Is.EqualTo(timings.RetryPeriod), $"attempt {attempt}");
            Assert.That(requests.Count, Is.EqualTo(attempt), "one request per attempt");
            time.Advance(timings.RetryPeriod - TimeSpan.FromTicks(1));
            Assert.That(requests.Count, Is.EqualTo(attempt), "no new attempt before RetryPeriod");
            time.Advance(TimeSpan.FromTicks(1));
        }
        await leadership.StopAsync(CancellationToken.None);

        var errors = logger.Collector.GetSnapshot().Where(r => r.Level == LogLevel.Warning).ToList();
        Assert.That(errors, Has.Count.GreaterThanOrEqualTo(3));
        Assert.That(errors.Select(r => r.Exception), Is.All.InstanceOf<HttpRequestException>(), "each failure logged with its exception");
        Assert.That(errors.Select(r => r.Message), Is.All.EqualTo("Leader election error"));
        Assert.That(leadership.IsLeader, Is.False);
        lifetime.Verify(l => l.StopApplication(), Times.Never());
    }
}
