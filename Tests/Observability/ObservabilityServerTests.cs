using System.Net;
using KamajiKubeconfig.Controller.Observability;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace KamajiKubeconfig.Tests.Observability;

/// <summary>The real servers on 127.0.0.1 with free ports, over real HTTP.</summary>
[CancelAfter(30_000)]
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class ObservabilityServerTests : IAsyncDisposable
{
    private static readonly ObservabilityOptions Loopback = new() { MetricsBindAddress = "127.0.0.1:0", HealthProbeBindAddress = "127.0.0.1:0" };

    private readonly MetricRegistry _registry = new();
    private readonly ReadinessChecks _readiness = new();
    private readonly HttpClient _http = new();
    private ObservabilityServer? _server;

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private async Task<ObservabilityServer> StartAsync(ObservabilityOptions options, CancellationToken cancellationToken)
    {
        _server = new ObservabilityServer(options, _registry, _readiness, NullLoggerFactory.Instance);
        await _server.StartAsync(cancellationToken);
        return _server;
    }

    private static Uri Url(IPEndPoint? endpoint, string path)
    {
        Assert.That(endpoint, Is.Not.Null);
        return new Uri($"http://{endpoint}{path}");
    }

    [Test]
    public async Task Metrics_Get_ServesTheRegistryAsTextFormat004(CancellationToken cancellationToken)
    {
        var metrics = new ControllerMetrics(_registry, new FakeTimeProvider(), new ControllerMetricsOptions());
        metrics.ReconcileStarted();
        metrics.ReconcileFinished(ReconcileOutcome.RequeueAfter, TimeSpan.FromSeconds(1));
        var server = await StartAsync(Loopback, cancellationToken);

        using var response = await _http.GetAsync(Url(server.MetricsEndpoint, "/metrics"), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.ToString(), Is.EqualTo("text/plain; version=0.0.4; charset=utf-8"));
            Assert.That(server.MetricsEndpoint!.Address, Is.EqualTo(IPAddress.Loopback));
            Assert.That(server.MetricsEndpoint.Port, Is.Not.Zero);
            Assert.That(body, Does.Contain("# TYPE controller_runtime_reconcile_total counter\n"));
            Assert.That(body, Does.Contain("controller_runtime_reconcile_total{controller=\"kubeconfiggenerator\",result=\"requeue_after\"} 1\n"));
            Assert.That(body, Does.Contain("controller_runtime_reconcile_total{controller=\"kubeconfiggenerator\",result=\"error\"} 0\n"));
            Assert.That(body, Does.Contain("workqueue_depth{controller=\"kubeconfiggenerator\",name=\"kubeconfiggenerator\"} 0\n"));
        });
    }

    [Test]
    public async Task Healthz_Get_IsOkEvenWhenNotReady(CancellationToken cancellationToken)
    {
        _readiness.Add("informers", () => false);
        var server = await StartAsync(Loopback, cancellationToken);

        using var response = await _http.GetAsync(Url(server.HealthProbeEndpoint, "/healthz"), cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(cancellationToken), Is.EqualTo("ok"));
    }

    [Test]
    public async Task Readyz_Get_Is503UntilTheCheckPassesThen200(CancellationToken cancellationToken)
    {
        var synced = false;
        _readiness.Add("informers", () => Volatile.Read(ref synced));
        var server = await StartAsync(Loopback, cancellationToken);
        var readyz = Url(server.HealthProbeEndpoint, "/readyz");

        using (var notReady = await _http.GetAsync(readyz, cancellationToken))
        {
            Assert.That(notReady.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(await notReady.Content.ReadAsStringAsync(cancellationToken), Is.EqualTo("not ready: informers\n"));
        }

        Volatile.Write(ref synced, true);

        using var ready = await _http.GetAsync(readyz, cancellationToken);
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await ready.Content.ReadAsStringAsync(cancellationToken), Is.EqualTo("ok"));
    }

    [Test]
    public async Task Readyz_ACheckThatThrows_IsNotReady(CancellationToken cancellationToken)
    {
        _readiness.Add("informers", () => true);
        _readiness.Add("leader", () => throw new InvalidOperationException("boom"));
        var server = await StartAsync(Loopback, cancellationToken);

        using var response = await _http.GetAsync(Url(server.HealthProbeEndpoint, "/readyz"), cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(await response.Content.ReadAsStringAsync(cancellationToken), Is.EqualTo("not ready: leader\n"));
    }

    [Test]
    public async Task Servers_UnknownPathOrMethod_Answer404And405(CancellationToken cancellationToken)
    {
        var server = await StartAsync(Loopback, cancellationToken);

        using var metricsOnHealthPort = await _http.GetAsync(Url(server.HealthProbeEndpoint, "/metrics"), cancellationToken);
        using var probeOnMetricsPort = await _http.GetAsync(Url(server.MetricsEndpoint, "/healthz"), cancellationToken);
        using var post = await _http.PostAsync(Url(server.MetricsEndpoint, "/metrics"), new StringContent(""), cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(metricsOnHealthPort.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(probeOnMetricsPort.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
        });
    }

    [Test]
    public async Task StartAsync_BindAddressZero_DisablesThatServerOnly(CancellationToken cancellationToken)
    {
        var server = await StartAsync(Loopback with { MetricsBindAddress = "0" }, cancellationToken);

        Assert.That(server.MetricsEndpoint, Is.Null);
        using var response = await _http.GetAsync(Url(server.HealthProbeEndpoint, "/healthz"), cancellationToken);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task StartAsync_EmptyHostAndPortZero_BindsEveryInterfaceOnAFreePort(CancellationToken cancellationToken)
    {
        var server = await StartAsync(Loopback with { MetricsBindAddress = ":0" }, cancellationToken);

        Assert.That(server.MetricsEndpoint!.Port, Is.Not.Zero);
        using var response = await _http.GetAsync(new Uri($"http://127.0.0.1:{server.MetricsEndpoint.Port}/metrics"), cancellationToken);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Readyz_NoChecksRegistered_IsReady(CancellationToken cancellationToken)
    {
        var server = await StartAsync(Loopback, cancellationToken);

        using var response = await _http.GetAsync(Url(server.HealthProbeEndpoint, "/readyz"), cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public void StartAsync_MalformedAddress_FailsBeforeBindingAnything()
    {
        var server = new ObservabilityServer(Loopback with { HealthProbeBindAddress = "8091" }, _registry, _readiness, NullLoggerFactory.Instance);

        Assert.ThrowsAsync<FormatException>(() => server.StartAsync(CancellationToken.None));
        Assert.That(server.MetricsEndpoint, Is.Null);
    }

    [Test]
    public async Task StopAsync_ThenConnect_IsRefused(CancellationToken cancellationToken)
    {
        var server = await StartAsync(Loopback, cancellationToken);
        var healthz = Url(server.HealthProbeEndpoint, "/healthz");

        await server.StopAsync(cancellationToken);

        Assert.ThrowsAsync<HttpRequestException>(() => _http.GetAsync(healthz, cancellationToken));
    }
}
