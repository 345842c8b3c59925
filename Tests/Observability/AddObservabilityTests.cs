using System.Net;
using KamajiKubeconfig.Controller.Observability;
using KamajiKubeconfig.Informers;
using KamajiKubeconfig.Queue;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KamajiKubeconfig.Tests.Observability;

/// <summary>The DI extension inside a real generic host: one metrics instance behind every port, servers started with the host.</summary>
[CancelAfter(30_000)]
public class AddObservabilityTests
{
    [Test]
    public async Task AddObservability_InAHost_ServesWhatThePortsRecordAndReadiness(CancellationToken cancellationToken)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddObservability(
            new ObservabilityOptions { MetricsBindAddress = "127.0.0.1:0", HealthProbeBindAddress = "127.0.0.1:0" },
            new ControllerMetricsOptions { Informers = ["secrets"] });
        using var host = builder.Build();
        var ready = false;
        host.Services.GetRequiredService<ReadinessChecks>().Add("informers", () => Volatile.Read(ref ready));

        await host.StartAsync(cancellationToken);
        try
        {
            host.Services.GetRequiredService<IQueueMetrics>().IncrementAdds();
            host.Services.GetRequiredService<IInformerMetrics>().Relisted("secrets");
            host.Services.GetRequiredService<IApplyMetrics>().ApplyRequestCompleted(ApplyRequestOutcome.Conflict);
            var server = host.Services.GetRequiredService<ObservabilityServer>();
            using var http = new HttpClient();

            var body = await http.GetStringAsync(new Uri($"http://{server.MetricsEndpoint}/metrics"), cancellationToken);
            using var notReady = await http.GetAsync(new Uri($"http://{server.HealthProbeEndpoint}/readyz"), cancellationToken);
            Volatile.Write(ref ready, true);
            using var nowReady = await http.GetAsync(new Uri($"http://{server.HealthProbeEndpoint}/readyz"), cancellationToken);

            Assert.Multiple(() =>
            {
                Assert.That(host.Services.GetRequiredService<IReconcileMetrics>(), Is.SameAs(host.Services.GetRequiredService<ControllerMetrics>()));
                Assert.That(body, Does.Contain("workqueue_adds_total{controller=\"kubeconfiggenerator\",name=\"kubeconfiggenerator\"} 1\n"));
                Assert.That(body, Does.Contain("kubeconfig_generator_relists_total{kind=\"secrets\"} 1\n"));
                Assert.That(body, Does.Contain("kubeconfig_generator_apply_requests_total{outcome=\"conflict\"} 1\n"));
                Assert.That(body, Does.Contain("# TYPE process_resident_memory_bytes gauge\n").And.Contain("# TYPE process_cpu_seconds_total counter\n"));
                Assert.That(notReady.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
                Assert.That(nowReady.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            });
        }
        finally
        {
            await host.StopAsync(cancellationToken);
        }
    }
}
