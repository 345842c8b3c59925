using System.Text;

namespace KamajiKubeconfig.Controller.Observability;

internal sealed class Gauge(string name, string help, IReadOnlyList<string> labelNames)
    : LabelledFamily<GaugeSeries>(name, help, MetricType.Gauge, labelNames, static () => new GaugeSeries())
{
    protected override void WriteSeries(StringBuilder output, LabelValues labels, GaugeSeries series) =>
        AppendSample(output, string.Empty, labels, series.Value);
}
