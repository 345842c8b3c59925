using KamajiKubeconfig.Controller.Observability;

namespace KamajiKubeconfig.Tests.Observability;

/// <summary>
/// Real threads hammering the same series: no update may be lost, and scrapes running alongside must
/// neither throw nor show a histogram whose count disagrees with its buckets. Bounded work, no sleeps.
/// </summary>
[CancelAfter(30_000)]
public class MetricConcurrencyTests
{
    private const int Threads = 8;
    private const int PerThread = 20_000;

    private static void RunOnThreads(Action<int> body)
    {
        using var start = new Barrier(Threads);
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            body(t);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => Assert.That(t.Join(TimeSpan.FromSeconds(20)), Is.True, "a worker thread did not finish"));
    }

    [Test]
    public void CounterGaugeHistogram_ConcurrentUpdates_LoseNothing()
    {
        var registry = new MetricRegistry();
        var counter = registry.AddCounter("c_total", "C.").Unlabelled;
        var gauge = registry.AddGauge("g", "G.").Unlabelled;
        var histogram = registry.AddHistogram("h", "H.", [0.5, 1.5]).Unlabelled;

        RunOnThreads(t =>
        {
            for (var i = 0; i < PerThread; i++)
            {
                counter.Inc();
                gauge.Inc();
                gauge.Dec();
                gauge.Add(0.5);
                histogram.Observe(i % 2); // 0 and 1: exact sums
            }
        });

        Assert.Multiple(() =>
        {
            Assert.That(counter.Value, Is.EqualTo(Threads * PerThread));
            Assert.That(gauge.Value, Is.EqualTo(Threads * PerThread * 0.5));
            Assert.That(histogram.CumulativeCounts(), Is.EqualTo(new long[] { Threads * PerThread / 2, Threads * PerThread, Threads * PerThread }));
            Assert.That(histogram.Sum, Is.EqualTo(Threads * PerThread / 2));
        });
    }

    [Test]
    public void WithLabels_ConcurrentFirstUse_CreatesOneSeriesPerLabelValue()
    {
        var registry = new MetricRegistry();
        var counter = registry.AddCounter("c_total", "C.", "shard");

        RunOnThreads(t =>
        {
            for (var i = 0; i < PerThread / 10; i++)
            {
                counter.WithLabels((i % 4).ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();
            }
        });

        var samples = Scrape.Parse(registry.Collect());
        Assert.That(samples.Values, Is.EqualTo(Enumerable.Repeat(Threads * PerThread / 10 / 4d, 4)));
    }

    [Test]
    public void Collect_WhileUpdating_NeverShowsCountOtherThanPlusInfBucket()
    {
        var registry = new MetricRegistry();
        var histogram = registry.AddHistogram("h", "H.", [1], "x").WithLabels("y");
        var inconsistent = 0;

        RunOnThreads(t =>
        {
            for (var i = 0; i < PerThread / 10; i++)
            {
                if (t == 0)
                {
                    var samples = Scrape.Parse(registry.Collect());
                    if (samples["h_count{x=\"y\"}"] != samples["h_bucket{x=\"y\",le=\"+Inf\"}"])
                    {
                        Interlocked.Increment(ref inconsistent);
                    }
                }
                else
                {
                    histogram.Observe(i % 3);
                }
            }
        });

        Assert.That(inconsistent, Is.Zero);
    }
}
