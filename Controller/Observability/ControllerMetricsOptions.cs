using System.Reflection;

namespace KamajiKubeconfig.Controller.Observability;

/// <summary>The fixed label values that <see cref="ControllerMetrics"/> initialises at startup.</summary>
internal sealed record ControllerMetricsOptions
{
    /// <summary>controller-runtime's <c>controller</c> label, and the <c>name</c> of its work queue.</summary>
    public string ControllerName { get; init; } = "kubeconfiggenerator";

    public int MaxConcurrentReconciles { get; init; } = 1;

    /// <summary>The leader-election Lease, the <c>name</c> label of <c>leader_election_master_status</c>.</summary>
    public string LeaseName { get; init; } = "kubeconfiggenerator.kamaji.clastix.io";

    /// <summary>The informers' configured names (the <c>kind</c> label), initialised to zero up front.</summary>
    public IReadOnlyList<string> Informers { get; init; } = [];

    public string Version { get; init; } = DefaultVersion();

    private static string DefaultVersion() =>
        typeof(ControllerMetricsOptions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
