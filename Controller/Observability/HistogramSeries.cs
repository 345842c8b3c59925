namespace KamajiKubeconfig.Controller.Observability;

/// <summary>
/// One histogram series. Each observation increments exactly one (non-cumulative) bucket; the exposition
/// accumulates them and derives <c>_count</c> from the same snapshot, so a scrape never shows a count that
/// disagrees with its buckets.
/// </summary>
internal sealed class HistogramSeries
{
    private readonly double[] _upperBounds;

    // One slot per upper bound plus the +Inf slot.
    private readonly long[] _counts;
    private double _sum;

    public HistogramSeries(double[] upperBounds)
    {
        _upperBounds = upperBounds;
        _counts = new long[upperBounds.Length + 1];
    }

    public IReadOnlyList<double> UpperBounds => _upperBounds;

    public double Sum => Volatile.Read(ref _sum);

    public void Observe(double value)
    {
        if (double.IsNaN(value))
        {
            return;
        }

        // Prometheus buckets are "less than or equal": the first bound not below the value.
        var index = Array.BinarySearch(_upperBounds, value);
        Interlocked.Increment(ref _counts[index >= 0 ? index : ~index]);
        AtomicDouble.Add(ref _sum, value);
    }

    /// <summary>The cumulative count at each upper bound, then at +Inf (= the total count).</summary>
    public long[] CumulativeCounts()
    {
        var cumulative = new long[_counts.Length];
        long running = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            running += Interlocked.Read(ref _counts[i]);
            cumulative[i] = running;
        }

        return cumulative;
    }
}
