using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace KamajiKubeconfig.Controller.Observability;

/// <summary>
/// controller-runtime's two servers as two listeners of the application's one Kestrel server: <c>GET /metrics</c>
/// on <c>--metrics-bind-address</c> (text format 0.0.4 whatever the scraper accepts, as controller-runtime serves it);
/// <c>/healthz</c> (the process answers: nothing that can stall belongs there, or a slow dependency would get a
/// healthy process restarted) and <c>/readyz</c> (every readiness check passes, else 503 naming the failing ones)
/// on <c>--health-probe-bind-address</c>. A path is answered only on its own listener, so metrics bound to loopback
/// (behind an authenticating proxy) are not reachable through the probe port.
/// </summary>
internal sealed partial class ObservabilityServer(ObservabilityOptions options)
{
    /// <summary>The tag <c>/readyz</c> selects; <c>/healthz</c> runs no check (answering at all is liveness).</summary>
    public const string ReadinessTag = "ready";

    private readonly IPEndPoint? _metricsAddress = BindAddress.Parse(options.MetricsBindAddress);
    private readonly IPEndPoint? _probesAddress = BindAddress.Parse(options.HealthProbeBindAddress);
    private ListenOptions? _metrics;
    private ListenOptions? _probes;

    public bool ListensNowhere => _metricsAddress is null && _probesAddress is null;

    /// <summary>Where <c>/metrics</c> is served, its port known once the server started; null when disabled.</summary>
    public IPEndPoint? MetricsEndpoint => _metrics?.IPEndPoint;

    /// <summary>Where <c>/healthz</c> and <c>/readyz</c> are served; null when disabled.</summary>
    public IPEndPoint? HealthProbeEndpoint => _probes?.IPEndPoint;

    public void Listen(KestrelServerOptions kestrel)
    {
        kestrel.AddServerHeader = false;
        _metrics = Listen(kestrel, _metricsAddress);
        _probes = Listen(kestrel, _probesAddress);
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
