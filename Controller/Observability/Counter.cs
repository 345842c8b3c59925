using System.Text;

namespace KamajiKubeconfig.Controller.Observability;

internal sealed class Counter(string name, string help, IReadOnlyList<string> labelNames)
    : LabelledFamily<CounterSeries>(name, help, MetricType.Counter, labelNames, static () => new CounterSeries())
{
    protected override void WriteSeries(StringBuilder output, LabelValues labels, CounterSeries series) =>
        AppendSample(output, string.Empty, labels, series.Value);
}
