using KamajiKubeconfig.Informers;
using KamajiKubeconfig.Queue;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KamajiKubeconfig.Controller.Observability;

/// <summary>Registers metrics, readiness checks and the HTTP servers. Expects a <see cref="TimeProvider"/> to be registered.</summary>
internal static class ObservabilityServiceCollectionExtensions
{
    public static IServiceCollection AddObservability(this IServiceCollection services, ObservabilityOptions options, ControllerMetricsOptions metricsOptions)
    {
        // Singletons throughout: one registry per process, and the metric ports are shared by every worker.
        services.TryAddSingleton(options);
        services.TryAddSingleton(metricsOptions);
        // The process's registry always carries the process_* and dotnet_gc_* series.
        services.TryAddSingleton(sp =>
        {
            var registry = new MetricRegistry();
            _ = new ProcessMetrics(registry);
            return registry;
        });
        services.TryAddSingleton<ReadinessChecks>();
        services.TryAddSingleton<ControllerMetrics>();
        services.TryAddSingleton<IReconcileMetrics>(sp => sp.GetRequiredService<ControllerMetrics>());
        services.TryAddSingleton<IApplyMetrics>(sp => sp.GetRequiredService<ControllerMetrics>());
        services.TryAddSingleton<ILeaderElectionMetrics>(sp => sp.GetRequiredService<ControllerMetrics>());
        services.TryAddSingleton<IInformerMetrics>(sp => sp.GetRequiredService<ControllerMetrics>());
        services.TryAddSingleton<IQueueMetrics>(sp => sp.GetRequiredService<ControllerMetrics>().Queue);
        // Registered as itself too, so that the bound addresses can be read (tests, a startup log).
        services.TryAddSingleton<ObservabilityServer>();
        services.AddHostedService(sp => sp.GetRequiredService<ObservabilityServer>());
        return services;
    }
}
