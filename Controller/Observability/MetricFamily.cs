using System.Text;
using System.Text.RegularExpressions;

namespace KamajiKubeconfig.Controller.Observability;

/// <summary>
/// One metric name with its help text, type and fixed label names: what the text format groups under one
/// <c># HELP</c> / <c># TYPE</c> header. Names are checked once, at registration, so that recording never fails.
/// </summary>
internal abstract partial class MetricFamily
{
    protected MetricFamily(string name, string help, MetricType type, IReadOnlyList<string> labelNames)
    {
        if (!MetricName().IsMatch(name))
        {
            throw new ArgumentException($"invalid metric name '{name}'", nameof(name));
        }

        foreach (var label in labelNames)
        {
            // "__" is reserved for Prometheus; "le" is the histogram bucket label.
            if (!LabelName().IsMatch(label) || label.StartsWith("__", StringComparison.Ordinal) || (type == MetricType.Histogram && label == "le"))
            {
                throw new ArgumentException($"invalid label name '{label}' for metric '{name}'", nameof(labelNames));
            }
        }

        if (labelNames.Distinct(StringComparer.Ordinal).Count() != labelNames.Count)
        {
            throw new ArgumentException($"duplicate label names for metric '{name}'", nameof(labelNames));
        }

        Name = name;
        Help = help;
        Type = type;
        LabelNames = labelNames;
    }

    public string Name { get; }

    public string Help { get; }

    public MetricType Type { get; }

    public IReadOnlyList<string> LabelNames { get; }

    /// <summary>Appends the family in text format; a family without any series writes nothing, as Go's client does.</summary>
    public abstract void WriteTo(StringBuilder output);

    protected void AppendHeader(StringBuilder output)
    {
        output.Append("# HELP ").Append(Name).Append(' ');
        TextFormat.AppendHelp(output, Help);
        output.Append("\n# TYPE ").Append(Name).Append(' ').Append(Type switch
        {
            MetricType.Counter => "counter",
            MetricType.Gauge => "gauge",
            _ => "histogram",
        }).Append('\n');
    }

    /// <summary>One sample line: <c>name_suffix{labels,le="bound"} value</c>.</summary>
    protected void AppendSample(StringBuilder output, string suffix, LabelValues labels, double value, string? le = null)
    {
        output.Append(Name).Append(suffix);
        if (labels.Count > 0 || le is not null)
        {
            output.Append('{');
            for (var i = 0; i < labels.Count; i++)
            {
                AppendLabel(output, LabelNames[i], labels[i], first: i == 0);
            }

            if (le is not null)
            {
                AppendLabel(output, "le", le, first: labels.Count == 0);
            }

            output.Append('}');
        }

        output.Append(' ').Append(TextFormat.FormatFloat(value)).Append('\n');
    }

    private static void AppendLabel(StringBuilder output, string name, string value, bool first)
    {
        output.Append(first ? string.Empty : ",").Append(name).Append("=\"");
        TextFormat.AppendLabelValue(output, value);
        output.Append('"');
    }

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();
}
