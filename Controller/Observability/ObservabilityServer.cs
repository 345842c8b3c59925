using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KamajiKubeconfig.Controller.Observability;

/// <summary>
/// The metrics and health-probe HTTP servers, on their own addresses as controller-runtime's manager runs
/// them: <c>GET /metrics</c> on <c>--metrics-bind-address</c>; <c>GET /healthz</c> (the process is serving)
/// and <c>GET /readyz</c> (every <see cref="ReadinessChecks"/> passes, else 503) on
/// <c>--health-probe-bind-address</c>. Started before the controller's workers, stopped after them.
/// </summary>
internal sealed class ObservabilityServer : IHostedService, IAsyncDisposable
{
    private const string PlainText = "text/plain; charset=utf-8";

    private readonly ObservabilityOptions _options;
    private readonly MetricRegistry _registry;
    private readonly ReadinessChecks _readiness;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private HttpEndpoint? _metrics;
    private HttpEndpoint? _health;

    public ObservabilityServer(ObservabilityOptions options, MetricRegistry registry, ReadinessChecks readiness, ILoggerFactory loggerFactory)
    {
        _options = options;
        _registry = registry;
        _readiness = readiness;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<ObservabilityServer>();
    }

    /// <summary>Where <c>/metrics</c> is served; null when disabled or not started.</summary>
    public IPEndPoint? MetricsEndpoint => _metrics?.Bound;

    /// <summary>Where <c>/healthz</c> and <c>/readyz</c> are served; null when disabled or not started.</summary>
    public IPEndPoint? HealthProbeEndpoint => _health?.Bound;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Both flags are parsed before anything binds, so a typo fails the start with no listener left behind.
        var metricsAddress = BindAddress.Parse(_options.MetricsBindAddress);
        var healthAddress = BindAddress.Parse(_options.HealthProbeBindAddress);
        try
        {
            _metrics = await StartOneAsync("metrics", metricsAddress, _options.MetricsBindAddress, ServeMetricsAsync, cancellationToken);
            _health = await StartOneAsync("health probe", healthAddress, _options.HealthProbeBindAddress, ServeProbesAsync, cancellationToken);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }

        if (_metrics is not null)
        {
            ObservabilityLog.ServingMetrics(_logger, _metrics.Bound);
        }

        if (_health is not null)
        {
            ObservabilityLog.ServingHealthProbes(_logger, _health.Bound);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(_metrics?.StopAsync(cancellationToken) ?? Task.CompletedTask, _health?.StopAsync(cancellationToken) ?? Task.CompletedTask);
    }

    public async ValueTask DisposeAsync()
    {
        var (metrics, health) = (_metrics, _health);
        (_metrics, _health) = (null, null);
        if (metrics is not null)
        {
            await metrics.DisposeAsync();
        }

        if (health is not null)
        {
            await health.DisposeAsync();
        }
    }

    private async Task<HttpEndpoint?> StartOneAsync(string server, BindAddress? address, string flag, RequestDelegate handler, CancellationToken cancellationToken)
    {
        if (address is null)
        {
            ObservabilityLog.Disabled(_logger, server, flag);
            return null;
        }

        return await HttpEndpoint.StartAsync(address, handler, _loggerFactory, cancellationToken);
    }

    private Task ServeMetricsAsync(HttpContext context) => Route(context, "/metrics") switch
    {
        null => Task.CompletedTask,
        _ => WriteAsync(context, StatusCodes.Status200OK, TextFormat.ContentType, _registry.Collect()),
    };

    private Task ServeProbesAsync(HttpContext context)
    {
        switch (Route(context, "/healthz", "/readyz"))
        {
            case "/healthz":
                // Liveness: answering at all is the signal. Nothing that can stall belongs here, or a slow
                // dependency would get a healthy process restarted.
                return WriteAsync(context, StatusCodes.Status200OK, PlainText, "ok");
            case "/readyz":
                var (ready, failing) = _readiness.Evaluate();
                if (ready)
                {
                    return WriteAsync(context, StatusCodes.Status200OK, PlainText, "ok");
                }

                var names = string.Join(", ", failing);
                ObservabilityLog.NotReady(_logger, names);
                return WriteAsync(context, StatusCodes.Status503ServiceUnavailable, PlainText, $"not ready: {names}\n");
            default:
                return Task.CompletedTask;
        }
    }

    /// <summary>The matched path; otherwise answers 404 or 405 itself and returns null.</summary>
    private static string? Route(HttpContext context, params string[] paths)
    {
        var path = context.Request.Path.Value;
        var match = paths.FirstOrDefault(p => string.Equals(p, path, StringComparison.Ordinal));
        if (match is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return null;
        }

        if (!HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = "GET";
            return null;
        }

        return match;
    }

    private static Task WriteAsync(HttpContext context, int status, string contentType, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        // Probes and scrapes must see the current state, never a cached copy.
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(body, context.RequestAborted);
    }
}
