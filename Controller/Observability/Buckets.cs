namespace KamajiKubeconfig.Controller.Observability;

/// <summary>The bucket layouts that controller-runtime uses, so that its dashboards' quantiles line up.</summary>
internal static class Buckets
{
    /// <summary>
    /// <c>controller_runtime_reconcile_time_seconds</c> (<c>pkg/internal/controller/metrics/metrics.go</c>):
    /// dense below one second, where most reconciles fall, then coarser up to a minute.
    /// </summary>
    public static IReadOnlyList<double> ReconcileTime { get; } =
    [
        0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0,
        1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 40, 50, 60,
    ];

    /// <summary>
    /// Workqueue durations: controller-runtime's <c>ExponentialBuckets(10e-9, 10, 12)</c>, 10 ns up to 1000 s
    /// (Kubernetes' own components stop at 10 buckets; operators' dashboards expect controller-runtime's).
    /// </summary>
    public static IReadOnlyList<double> WorkqueueDuration { get; } = Exponential(10e-9, 10, 12);

    /// <summary>Go's <c>prometheus.ExponentialBuckets</c>: start, start·factor, … (count bounds).</summary>
    public static IReadOnlyList<double> Exponential(double start, double factor, int count)
    {
        var bounds = new double[count];
        var bound = start;
        for (var i = 0; i < count; i++)
        {
            bounds[i] = bound;
            bound *= factor;
        }

        return bounds;
    }
}
