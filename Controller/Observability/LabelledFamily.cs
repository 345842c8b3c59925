using System.Collections.Concurrent;
using System.Text;

namespace KamajiKubeconfig.Controller.Observability;

/// <summary>
/// A family whose series are keyed by label values. Callers resolve a series once (<see cref="WithLabels"/>)
/// and keep it, so the hot path is a field access plus an atomic add, with no lookup and no allocation.
/// A family without labels has its one series from the start, so it is exposed as 0 before first use.
/// </summary>
internal abstract class LabelledFamily<TSeries> : MetricFamily
    where TSeries : class
{
    private readonly ConcurrentDictionary<LabelValues, TSeries> _series = new();
    private readonly Func<TSeries> _create;

    protected LabelledFamily(string name, string help, MetricType type, IReadOnlyList<string> labelNames, Func<TSeries> create)
        : base(name, help, type, labelNames)
    {
        _create = create;
        if (labelNames.Count == 0)
        {
            _series[LabelValues.Empty] = create();
        }
    }

    /// <summary>The series of a family without labels.</summary>
    public TSeries Unlabelled => WithLabels();

    /// <summary>Gets or creates (at zero) the series for these label values, in label-name order.</summary>
    public TSeries WithLabels(params ReadOnlySpan<string> values)
    {
        if (values.Length != LabelNames.Count)
        {
            throw new ArgumentException($"metric '{Name}' takes {LabelNames.Count} label values, got {values.Length}", nameof(values));
        }

        return _series.GetOrAdd(new LabelValues(values.ToArray()), static (_, create) => create(), _create);
    }

    /// <summary>Drops a series, e.g. for a deleted generator, so that it stops being exposed.</summary>
    public bool Remove(params ReadOnlySpan<string> values) => _series.TryRemove(new LabelValues(values.ToArray()), out _);

    public override void WriteTo(StringBuilder output)
    {
        var series = _series.ToArray();
        if (series.Length == 0)
        {
            return;
        }

        Array.Sort(series, static (a, b) => a.Key.CompareTo(b.Key));
        AppendHeader(output);
        foreach (var (labels, value) in series)
        {
            WriteSeries(output, labels, value);
        }
    }

    protected abstract void WriteSeries(StringBuilder output, LabelValues labels, TSeries series);
}
