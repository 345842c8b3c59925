namespace KamajiKubeconfig.Controller.Observability;

/// <summary>The metric types of the text exposition format that this registry implements.</summary>
internal enum MetricType
{
    Counter,
    Gauge,
    Histogram,
}
