using System.Text;

namespace KamajiKubeconfig.Controller.Observability;

/// <summary>
/// The process's metric families, injected rather than global (controller-runtime's package-level registry
/// is what makes its metrics hard to test). Registration happens at startup and fails loudly on a duplicate
/// name; collection writes every family sorted by name, so two scrapes of the same state are byte-identical.
/// </summary>
internal sealed class MetricRegistry
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, MetricFamily> _families = new(StringComparer.Ordinal);
    private readonly List<Action> _beforeCollect = [];

    public Counter AddCounter(string name, string help, params string[] labelNames) => Add(new Counter(name, help, labelNames));

    public Gauge AddGauge(string name, string help, params string[] labelNames) => Add(new Gauge(name, help, labelNames));

    public Histogram AddHistogram(string name, string help, IReadOnlyList<double> upperBounds, params string[] labelNames) =>
        Add(new Histogram(name, help, upperBounds, labelNames));

    /// <summary>
    /// Runs <paramref name="refresh"/> before each collection: for values that are a function of time, such
    /// as "seconds until expiry", which would be stale if they were only set when something happened.
    /// </summary>
    public void BeforeCollect(Action refresh)
    {
        lock (_lock)
        {
            _beforeCollect.Add(refresh);
        }
    }

    /// <summary>Every family in text exposition format 0.0.4.</summary>
    public string Collect()
    {
        Action[] refreshes;
        MetricFamily[] families;
        lock (_lock)
        {
            refreshes = [.. _beforeCollect];
            families = [.. _families.Values];
        }

        foreach (var refresh in refreshes)
        {
            refresh();
        }

        var output = new StringBuilder();
        foreach (var family in families)
        {
            family.WriteTo(output);
        }

        return output.ToString();
    }

    private TFamily Add<TFamily>(TFamily family)
        where TFamily : MetricFamily
    {
        lock (_lock)
        {
            if (!_families.TryAdd(family.Name, family))
            {
                throw new InvalidOperationException($"metric '{family.Name}' is already registered");
            }
        }

        return family;
    }
}
