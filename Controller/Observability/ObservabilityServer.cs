using System.Net;
using KamajiKubeconfig.Controller.Hosting;
using KamajiKubeconfig.Controller.Workers;
using KamajiKubeconfig.Informers;
using KamajiKubeconfig.Queue;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace KamajiKubeconfig.Controller.Observability;

/// <summary>
/// controller-runtime's two servers as two listeners of the application's one Kestrel server (docs/design.md,
/// "Observability"): <c>GET /metrics</c> (text format 0.0.4) on <c>--metrics-bind-address</c>; <c>/healthz</c> (the
/// process answers: nothing that can stall belongs there) and <c>/readyz</c> (every readiness check passes, else 503
/// naming the failing ones) on <c>--health-probe-bind-address</c>. A path is answered only on its own listener, so
/// metrics bound to loopback (behind an authenticating proxy) are not reachable through the probe port.
/// </summary>
internal sealed partial class ObservabilityServer(ControllerOptions options)
{
    /// <summary>The tag <c>/readyz</c> selects; <c>/healthz</c> runs no check (answering at all is liveness).</summary>
    public const string ReadinessTag = "ready";

    private ListenOptions? _metrics;
    private ListenOptions? _probes;

    /// <summary>Where each path is served (the port known once the server started); null when disabled.</summary>
    public IPEndPoint? MetricsEndpoint => _metrics?.IPEndPoint;

    public IPEndPoint? HealthProbeEndpoint => _probes?.IPEndPoint;

    public void Listen(KestrelServerOptions kestrel)
    {
        kestrel.AddServerHeader = false;
        _metrics = Listen(kestrel, options.MetricsBindAddress);
        _probes = Listen(kestrel, options.HealthProbeBindAddress);
    }

    public void Map(WebApplication app)
    {
        var registry = app.Services.GetRequiredService<CollectorRegistry>();
        var logger = app.Services.GetRequiredService<ILogger<ObservabilityServer>>();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var (metrics, probes) = (Describe(MetricsEndpoint, "/metrics"), Describe(HealthProbeEndpoint, "/healthz and /readyz"));
            LogServing(logger, metrics, probes);
        });
        app.Use(async (context, next) =>
        {
            // By the endpoint routing matched (any case, trailing slash), not by the raw path.
            var port = context.Connection.LocalPort;
            var listener = context.GetEndpoint()?.Metadata.GetMetadata<ServedOn>();
            if (listener is null || port == (listener.Metrics ? MetricsEndpoint : HealthProbeEndpoint)?.Port)
            {
                await next(context);
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
            }

            LogServed(logger, context.Request.Method, context.Request.Path, port, context.Response.StatusCode);
        });
        app.MapGet("/metrics", context =>
        {
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            context.Response.Headers.CacheControl = "no-store";
            return registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted);
        }).WithMetadata(new ServedOn(Metrics: true));
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = (context, _) => WriteAsync(context, "ok") })
            .WithMetadata(new ServedOn(Metrics: false));
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadinessTag),
            // Ready means every check passed: a degraded one is not ready either.
            ResultStatusCodes = { [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable },
            ResponseWriter = (context, report) =>
            {
                var failing = string.Join(", ", report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => e.Key));
                if (failing.Length > 0)
                {
                    LogNotReady(logger, failing);
                }

                return WriteAsync(context, failing.Length == 0 ? "ok" : $"not ready: {failing}\n");
            },
        }).WithMetadata(new ServedOn(Metrics: false));
    }

    private static ListenOptions? Listen(KestrelServerOptions kestrel, IPEndPoint? address)
    {
        ListenOptions? bound = null;
        if (address?.Address.Equals(IPAddress.IPv6Any) == true)
        {
            // Both stacks, falling back to IPv4 where IPv6 is off, as Go's ":port" does.
            kestrel.ListenAnyIP(address.Port, listen => bound = listen);
        }
        else if (address is not null)
        {
            kestrel.Listen(address, listen => bound = listen);
        }
        return bound;
    }

    private static string Describe(IPEndPoint? endpoint, string paths) => endpoint is null ? "disabled" : $"http://{endpoint}{paths}";

    private static Task WriteAsync(HttpContext context, string body)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(body, context.RequestAborted);
    }

    [LoggerMessage(EventId = 1500, Level = LogLevel.Information, Message = "Metrics: {Metrics}; health probes: {Probes}")]
    private static partial void LogServing(ILogger logger, string metrics, string probes);

    /// <summary>Endpoint metadata: the listener whose port the path is answered on.</summary>
    private sealed record ServedOn(bool Metrics);

    /// <summary>Scrapes and probes come every few seconds: Debug, so they never drown the controller's own lines.</summary>
    [LoggerMessage(EventId = 1501, Level = LogLevel.Debug, Message = "{Method} {Path} on port {Port}: {StatusCode}")]
    private static partial void LogServed(ILogger logger, string method, PathString path, int port, int statusCode);

    [LoggerMessage(EventId = 1504, Level = LogLevel.Debug, Message = "Not ready: {Failing}")]
    private static partial void LogNotReady(ILogger logger, string failing);
}

/// <summary>
/// Registers metrics (one prometheus-net registry per process, not the library's global one), health checks and
/// <see cref="ObservabilityServer"/>. Expects a <see cref="TimeProvider"/> to be registered.
/// </summary>
internal static class ObservabilityServiceCollectionExtensions
{
    /// <summary>Registers everything (the series of each of <paramref name="informers"/> at zero); <see cref="MapObservability"/> maps the paths.</summary>
    public static IServiceCollection AddObservability(this IServiceCollection services, ControllerOptions options, IReadOnlyList<string> informers)
    {
        var server = new ObservabilityServer(options);
        services.TryAddSingleton(server);
        services.TryAddSingleton(_ => ProcessMetrics.Register(Metrics.NewCustomRegistry()));
        services.TryAddSingleton(sp => new ControllerMetrics(sp.GetRequiredService<CollectorRegistry>(), sp.GetRequiredService<TimeProvider>(), options.Workers, informers));
        services.TryAddSingleton<IWorkerObserver>(sp => sp.GetRequiredService<ControllerMetrics>());
        services.TryAddSingleton<IInformerMetrics>(sp => sp.GetRequiredService<ControllerMetrics>());
        services.TryAddSingleton<IQueueMetrics>(sp => sp.GetRequiredService<ControllerMetrics>().Queue);
        services.AddRouting().AddHealthChecks();
        services.Configure<KestrelServerOptions>(server.Listen);
        if (options is { MetricsBindAddress: null, HealthProbeBindAddress: null })
        {
            // Kestrel without a listener would bind its default (localhost:5000, or the image's HTTP_PORTS).
            services.AddSingleton<IServer, NoServer>();
        }
        return services.AddLogging(logging => logging
            // ASP.NET Core logs each request four times at Information (as its templates do, Warning and up only):
            // scrapes and probes are logged once, at Debug, by the server.
            .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
            // A failing check as an Error on every probe: not being ready yet is no error (logged at Debug instead).
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService", LogLevel.Critical));
    }

    /// <summary>A condition of <c>/readyz</c> (controller-runtime's <c>AddReadyzCheck</c>), evaluated at every probe; one that throws has failed.</summary>
    public static IServiceCollection AddReadinessCheck(this IServiceCollection services, string name, Func<IServiceProvider, bool> passes)
    {
        services.AddHealthChecks().Add(new HealthCheckRegistration(name, sp => new ReadinessCheck(() => passes(sp)), HealthStatus.Unhealthy,
            [ObservabilityServer.ReadinessTag]));
        return services;
    }

    /// <summary>Maps <c>/metrics</c>, <c>/healthz</c> and <c>/readyz</c> onto the application registered with <see cref="AddObservability"/>.</summary>
    public static void MapObservability(this WebApplication app) => app.Services.GetRequiredService<ObservabilityServer>().Map(app);

    private sealed class ReadinessCheck(Func<bool> passes) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(passes() ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy());
    }

    /// <summary>The server when both listen flags are "0": the host runs, nothing listens.</summary>
    private sealed class NoServer : IServer
    {
        public IFeatureCollection Features { get; } = new FeatureCollection();

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose() => GC.SuppressFinalize(this);
    }
}
