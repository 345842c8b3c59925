using System.Net;
using System.Net.Sockets;
using KamajiKubeconfig.Controller.Applier;
using KamajiKubeconfig.Controller.Hosting;
using KamajiKubeconfig.Controller.Observability;
using KamajiKubeconfig.Controller.Workers;
using KamajiKubeconfig.Queue;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KamajiKubeconfig.Tests.Observability;

/// <summary>The production wiring in a real web host on 127.0.0.1 with free ports, over real HTTP.</summary>
[CancelAfter(30_000)]
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class ObservabilityServerTests : IAsyncDisposable
{
    private static readonly ControllerOptions Loopback = new() { MetricsBindAddress = new(IPAddress.Loopback, 0), HealthProbeBindAddress = new(IPAddress.Loopback, 0) };

    private readonly HttpClient _http = new();
    private WebApplication? _app;

    private ObservabilityServer Server => _app!.Services.GetRequiredService<ObservabilityServer>();

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task<ObservabilityServer> StartAsync(ControllerOptions options, CancellationToken cancellationToken, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.Logging.AddFakeLogging().SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddSingleton(TimeProvider.System).AddObservability(options, []);
        configure?.Invoke(builder);
        _app = builder.Build();
        _app.MapObservability();
        await _app.StartAsync(cancellationToken);
        return Server;
    }

    private static Uri Url(IPEndPoint? endpoint, string path)
    {
        Assert.That(endpoint, Is.Not.Null);
        return new Uri($"http://{endpoint}{path}");
    }

    [Test]
    public async Task Metrics_Get_ServesWhatThePortsRecordAsTextFormat004(CancellationToken cancellationToken)
    {
        var server = await StartAsync(Loopback, cancellationToken);
        var observer = _app!.Services.GetRequiredService<IWorkerObserver>();
        observer.PassStarted();
        observer.PassFinished("tenants", WorkerDecision.RequeueAfter, null, false, TimeSpan.FromSeconds(1));
        _app.Services.GetRequiredService<IQueueMetrics>().IncrementAdds();
        _app.Services.GetRequiredService<ControllerMetrics>().ApplyRequestCompleted(ApiFailureKind.Conflict);

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
            Assert.That(body, Does.Contain("workqueue_adds_total{controller=\"kubeconfiggenerator\",name=\"kubeconfiggenerator\"} 1\n"));
            Assert.That(body, Does.Contain("kubeconfig_generator_apply_requests_total{outcome=\"conflict\"} 1\n"));
            Assert.That(body, Does.Contain("# TYPE process_resident_memory_bytes gauge\n"));
        });
    }

    [Test]
    public async Task Healthz_Get_IsOkEvenWhenNotReady(CancellationToken cancellationToken)
    {
        var server = await StartAsync(Loopback, cancellationToken, b => b.Services.AddReadinessCheck("informers", _ => false));

        using var response = await _http.GetAsync(Url(server.HealthProbeEndpoint, "/healthz"), cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(cancellationToken), Is.EqualTo("ok"));
    }

    [Test]
    public async Task Readyz_Get_Is503UntilTheCheckPassesThen200(CancellationToken cancellationToken)
    {
        var synced = false;
        var server = await StartAsync(Loopback, cancellationToken, b => b.Services.AddReadinessCheck("informers", _ => Volatile.Read(ref synced)));
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
        var server = await StartAsync(Loopback, cancellationToken, b => b.Services
            .AddReadinessCheck("informers", _ => true)
            .AddReadinessCheck("leader", _ => throw new InvalidOperationException("boom")));

        using var response = await _http.GetAsync(Url(server.HealthProbeEndpoint, "/readyz"), cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(await response.Content.ReadAsStringAsync(cancellationToken), Is.EqualTo("not ready: leader\n"));
    }

    [Test]
    public async Task Readyz_NoChecksRegistered_IsReady(CancellationToken cancellationToken)
    {
        var server = await StartAsync(Loopback, cancellationToken);

        using var response = await _http.GetAsync(Url(server.HealthProbeEndpoint, "/readyz"), cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Paths_OnTheOtherListenerOrUnknown_Answer404_AndPostAnswers405(CancellationToken cancellationToken)
    {
        var server = await StartAsync(Loopback, cancellationToken);

        using var metricsOnProbePort = await _http.GetAsync(Url(server.HealthProbeEndpoint, "/metrics"), cancellationToken);
        using var otherCaseOnProbePort = await _http.GetAsync(Url(server.HealthProbeEndpoint, "/METRICS/"), cancellationToken);
        using var probeOnMetricsPort = await _http.GetAsync(Url(server.MetricsEndpoint, "/readyz"), cancellationToken);
        using var unknown = await _http.GetAsync(Url(server.MetricsEndpoint, "/"), cancellationToken);
        using var post = await _http.PostAsync(Url(server.MetricsEndpoint, "/metrics"), new StringContent(""), cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(metricsOnProbePort.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(otherCaseOnProbePort.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(probeOnMetricsPort.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
        });
    }

    [Test]
    public async Task Requests_AreLoggedOnceAtDebug_NeverAtInformation(CancellationToken cancellationToken)
    {
        var server = await StartAsync(Loopback, cancellationToken, b => b.Services.AddReadinessCheck("informers", _ => false));
        var logs = _app!.Services.GetFakeLogCollector();
        logs.Clear();

        (await _http.GetAsync(Url(server.MetricsEndpoint, "/metrics"), cancellationToken)).Dispose();
        (await _http.GetAsync(Url(server.HealthProbeEndpoint, "/healthz"), cancellationToken)).Dispose();
        (await _http.GetAsync(Url(server.HealthProbeEndpoint, "/readyz"), cancellationToken)).Dispose();

        var records = logs.GetSnapshot();
        Assert.Multiple(() =>
        {
            Assert.That(records.Where(r => r.Level >= LogLevel.Information).Select(r => $"{r.Category}: {r.Message}"), Is.Empty);
            Assert.That(records.Where(r => r.Category == typeof(ObservabilityServer).FullName && r.Message.StartsWith("GET ", StringComparison.Ordinal)).Select(r => r.Message),
                Is.EqualTo(new[]
                {
                    $"GET /metrics on port {server.MetricsEndpoint!.Port}: 200",
                    $"GET /healthz on port {server.HealthProbeEndpoint!.Port}: 200",
                    $"GET /readyz on port {server.HealthProbeEndpoint.Port}: 503",
                }));
        });
    }

    [Test]
    public async Task Start_BindAddressZero_DisablesThatListenerOnly(CancellationToken cancellationToken)
    {
        var server = await StartAsync(Loopback with { MetricsBindAddress = null }, cancellationToken);

        Assert.That(server.MetricsEndpoint, Is.Null);
        using var response = await _http.GetAsync(Url(server.HealthProbeEndpoint, "/healthz"), cancellationToken);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Start_BothDisabled_RunsAndBindsNothingNotEvenTheConfiguredUrls(CancellationToken cancellationToken)
    {
        var port = FreePort();

        // The container image sets ASPNETCORE_HTTP_PORTS: a Kestrel without listeners would bind it.
        var server = await StartAsync(new ControllerOptions { MetricsBindAddress = null, HealthProbeBindAddress = null }, cancellationToken,
            b => b.WebHost.UseUrls($"http://127.0.0.1:{port}"));

        Assert.That(server.MetricsEndpoint, Is.Null);
        Assert.That(server.HealthProbeEndpoint, Is.Null);
        Assert.ThrowsAsync<HttpRequestException>(() => _http.GetAsync(new Uri($"http://127.0.0.1:{port}/metrics"), cancellationToken));
    }

    [Test]
    public async Task Start_EmptyHostAndPortZero_BindsEveryInterfaceOnAFreePort(CancellationToken cancellationToken)
    {
        var server = await StartAsync(Loopback with { MetricsBindAddress = new(IPAddress.IPv6Any, 0) }, cancellationToken);

        Assert.That(server.MetricsEndpoint!.Port, Is.Not.Zero);
        using var response = await _http.GetAsync(new Uri($"http://127.0.0.1:{server.MetricsEndpoint.Port}/metrics"), cancellationToken);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Stop_ThenConnect_IsRefused(CancellationToken cancellationToken)
    {
        var server = await StartAsync(Loopback, cancellationToken);
        var healthz = Url(server.HealthProbeEndpoint, "/healthz");

        await _app!.StopAsync(cancellationToken);

        Assert.ThrowsAsync<HttpRequestException>(() => _http.GetAsync(healthz, cancellationToken));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
