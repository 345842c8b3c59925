using System.Text;

namespace KamajiKubeconfig.Controller.Observability;

/// <summary>A histogram family; every series shares the family's bucket upper bounds.</summary>
internal sealed class Histogram : LabelledFamily<HistogramSeries>
{
    private readonly string[] _le;

    public Histogram(string name, string help, IReadOnlyList<double> upperBounds, IReadOnlyList<string> labelNames)
        : base(name, help, MetricType.Histogram, labelNames, CreateFactory(name, upperBounds))
    {
        // The bound labels never change: format them once instead of on every scrape.
        _le = [.. upperBounds.Select(TextFormat.FormatFloat), "+Inf"];
    }

    protected override void WriteSeries(StringBuilder output, LabelValues labels, HistogramSeries series)
    {
        var cumulative = series.CumulativeCounts();
        for (var i = 0; i < cumulative.Length; i++)
        {
            AppendSample(output, "_bucket", labels, cumulative[i], _le[i]);
        }

        AppendSample(output, "_sum", labels, series.Sum);
        AppendSample(output, "_count", labels, cumulative[^1]);
    }

    private static Func<HistogramSeries> CreateFactory(string name, IReadOnlyList<double> upperBounds)
    {
        var bounds = upperBounds.ToArray();
        // +Inf is implicit; the bounds must be finite and strictly increasing for the binary search.
        for (var i = 0; i < bounds.Length; i++)
        {
            if (!double.IsFinite(bounds[i]) || (i > 0 && bounds[i] <= bounds[i - 1]))
            {
                throw new ArgumentException($"histogram '{name}' needs finite, strictly increasing buckets", nameof(upperBounds));
            }
        }

        return () => new HistogramSeries(bounds);
    }
}
