using KamajiKubeconfig.Controller.Workers;
using KamajiKubeconfig.Informers;
using KamajiKubeconfig.Queue;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace KamajiKubeconfig.Controller.Observability;

/// <summary>
/// Metrics (one prometheus-net registry per process, not the library's global one), health checks and the two
/// listeners of the application's Kestrel server. Expects a <see cref="TimeProvider"/> to be registered.
/// </summary>
internal static class ObservabilityServiceCollectionExtensions
{
    /// <summary>Registers everything; the paths are mapped by <see cref="MapObservability"/>. A malformed address throws here.</summary>
    public static IServiceCollection AddObservability(this IServiceCollection services, ObservabilityOptions options)
    {
        var server = new ObservabilityServer(options);
        services.TryAddSingleton(options);
        services.TryAddSingleton(server);
        services.TryAddSingleton(_ =>
        {
            var registry = Metrics.NewCustomRegistry();
            ProcessMetrics.Register(registry);
            return registry;
        });
        services.TryAddSingleton<ControllerMetrics>();
        services.TryAddSingleton<IWorkerObserver>(sp => sp.GetRequiredService<ControllerMetrics>());
        services.TryAddSingleton<IInformerMetrics>(sp => sp.GetRequiredService<ControllerMetrics>());
        services.TryAddSingleton<IQueueMetrics>(sp => sp.GetRequiredService<ControllerMetrics>().Queue);
        services.AddRouting().AddHealthChecks();
        services.Configure<KestrelServerOptions>(server.Listen);
        if (server.ListensNowhere)
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

    /// <summary>
    /// Adds a condition of <c>/readyz</c> (controller-runtime's <c>AddReadyzCheck</c>), evaluated at every probe: ready
    /// when every one passes, and a check that throws has failed. E.g.
    /// <c>services.AddReadinessCheck("informers", sp =&gt; sp.GetRequiredService&lt;ClusterCaches&gt;().HasSynced)</c>.
    /// </summary>
    public static IServiceCollection AddReadinessCheck(this IServiceCollection services, string name, Func<IServiceProvider, bool> passes)
    {
        services.AddHealthChecks().Add(new HealthCheckRegistration(name, sp => new ReadinessCheck(() => passes(sp)), HealthStatus.Unhealthy,
            [ObservabilityServer.ReadinessTag]));
        return services;
    }

    /// <summary>Maps <c>/metrics</c>, <c>/healthz</c> and <c>/readyz</c> onto the application registered with <see cref="AddObservability"/>.</summary>
    public static WebApplication MapObservability(this WebApplication app)
    {
        app.Services.GetRequiredService<ObservabilityServer>().Map(app);
        return app;
    }

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
