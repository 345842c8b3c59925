using k8s;
using KamajiKubeconfig.Controller.Applier;
using KamajiKubeconfig.Controller.Cluster;
using KamajiKubeconfig.Controller.Issuing;
using KamajiKubeconfig.Controller.Leadership;
using KamajiKubeconfig.Controller.Observability;
using KamajiKubeconfig.Controller.Workers;
using KamajiKubeconfig.Queue;
using KamajiKubeconfig.Reconcile;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KamajiKubeconfig.Controller.Hosting;

/// <summary>The only DI wiring. Every service is a singleton: one client, one set of caches, one queue per process.</summary>
internal static class ControllerServices
{
    public static IServiceCollection AddKubeconfigGenerator(this IServiceCollection services, ControllerOptions options, IKubernetes client, string identity)
    {
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        // Jitter (the resync spread) comes from here, so tests can script it.
        services.AddSingleton(Random.Shared);
        // The status each generator was last given by this process: our own writes coming back wake nothing.
        services.AddSingleton<StatusLedger>();
        services.AddSingleton<PoisonObjectReporter>();
        services.AddSingleton(client);
        services.AddSingleton(new ReconcileOptions(options.CertificateExpirationDeadline, ReconcileOptions.Default.DefaultValidity));
        services.AddObservability(options, ["kubeconfiggenerators", "tenantcontrolplanes", "namespaces", "secrets-generated", "secrets-kamaji"]);
        // Ready = caches synced and being kept current, leader or not: a standby replica is healthy and must stay in the
        // Service, while one whose informer keeps failing (an object it cannot decode, an API it cannot reach) is not,
        // once that has lasted longer than InformerStaleAfter.
        services.AddReadinessCheck("informers", sp => sp.GetRequiredService<ClusterCaches>()
            .IsFresh(sp.GetRequiredService<TimeProvider>().GetUtcNow(), options.InformerStaleAfter));
        services.AddSingleton<ClusterCaches>();
        services.AddSingleton(sp => new WorkQueue<string>(
            new RetryRateLimiter<string>(sp.GetRequiredService<TimeProvider>(), options.MaxRetryDelay), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IQueueMetrics>()));
        services.AddSingleton<IKubeApi>(sp => new KubeApi(client, sp.GetRequiredService<TimeProvider>(), identity, sp.GetRequiredService<ControllerMetrics>()));
        // Inspections of unchanged Secrets are remembered across passes (bounded; cleared when full).
        services.AddSingleton<IValidityMemo>(new BoundedValidityMemo(100_000));
        // Production key material: the OS RNG. Tests swap in a pooled source.
        services.AddSingleton<IKeyMaterialSource, SystemKeyMaterialSource>();
        services.AddSingleton<CertificateIssuer>();
        services.AddSingleton(sp => new KubeconfigIssuing(sp.GetRequiredService<CertificateIssuer>(), Environment.ProcessorCount));
        services.AddSingleton<SecretWriter>();
        services.AddSingleton(sp => new PlanExecutor(sp.GetRequiredService<IKubeApi>(), sp.GetRequiredService<KubeconfigIssuing>(),
            sp.GetRequiredService<SecretWriter>(), options.ApplyParallelism, sp.GetRequiredService<IValidityMemo>(), sp.GetRequiredService<ClusterCaches>().RecentWrites,
            sp.GetRequiredService<StatusLedger>(), cachedCaSecrets: sp.GetRequiredService<ClusterCaches>().CachedCaSecrets));
        // What changed per generator since its pass: passes re-plan only what changed.
        services.AddSingleton<DirtyTargets>();
        services.AddSingleton<IPassRunner, PassRunner>();
        // One worker per --workers, each built from the services above.
        services.AddSingleton<Func<ReconcileWorker>>(sp => () => ActivatorUtilities.CreateInstance<ReconcileWorker>(sp));
        if (options.LeaderElect)
        {
            var leaseNamespace = options.PodNamespace ?? ReadServiceAccountNamespace() ?? "default";
            services.AddSingleton(sp => new LeaseLeadership(client, leaseNamespace, ControllerOptions.LeaseName, identity, options.LeaseTimings,
                sp.GetRequiredService<IHostApplicationLifetime>(), sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ControllerMetrics>(), sp.GetRequiredService<ILogger<LeaseLeadership>>()));
            services.AddSingleton<ILeadership>(sp => sp.GetRequiredService<LeaseLeadership>());
            services.AddHostedService(sp => sp.GetRequiredService<LeaseLeadership>());
        }
        else
        {
            services.AddSingleton<ILeadership, AlwaysLeader>();
        }
        services.AddSingleton<ControllerHost>();
        services.AddHostedService(sp => sp.GetRequiredService<ControllerHost>());
        return services;
    }

    /// <summary>controller-runtime's fallback for the Lease namespace when none is given.</summary>
    private static string? ReadServiceAccountNamespace()
    {
        const string path = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }
}
