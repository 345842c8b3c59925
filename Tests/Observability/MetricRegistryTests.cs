using KamajiKubeconfig.Controller.Observability;

namespace KamajiKubeconfig.Tests.Observability;

/// <summary>Golden expositions: exactly the bytes a scrape returns for each metric type.</summary>
public class MetricRegistryTests
{
    [Test]
    public void Collect_CounterWithLabels_WritesHeaderAndSortedEscapedSeries()
    {
        var registry = new MetricRegistry();
        var counter = registry.AddCounter("requests_total", "Requests by path.\nSecond \\ line", "path", "code");
        counter.WithLabels("/b", "200").Inc(2);
        counter.WithLabels("/a \"quoted\"\n", "500").Inc();
        counter.WithLabels("/a", "200").Inc(0.5);

        Assert.That(registry.Collect(), Is.EqualTo(
            "# HELP requests_total Requests by path.\\nSecond \\\\ line\n" +
            "# TYPE requests_total counter\n" +
            "requests_total{path=\"/a\",code=\"200\"} 0.5\n" +
            "requests_total{path=\"/a \\\"quoted\\\"\\n\",code=\"500\"} 1\n" +
            "requests_total{path=\"/b\",code=\"200\"} 2\n"));
    }

    [Test]
    public void Collect_GaugeWithoutLabels_WritesOneSeriesAtZeroBeforeFirstUse()
    {
        var registry = new MetricRegistry();
        registry.AddGauge("temperature", "Degrees.");

        Assert.That(registry.Collect(), Is.EqualTo(
            "# HELP temperature Degrees.\n" +
            "# TYPE temperature gauge\n" +
            "temperature 0\n"));
    }

    [Test]
    public void Collect_GaugeMovesBothWays()
    {
        var registry = new MetricRegistry();
        var gauge = registry.AddGauge("in_flight", "In flight.", "pool").WithLabels("x");

        gauge.Inc();
        gauge.Inc();
        gauge.Dec();
        gauge.Add(-3.5);

        Assert.That(registry.Collect(), Does.EndWith("in_flight{pool=\"x\"} -2.5\n"));
        gauge.Set(7);
        Assert.That(gauge.Value, Is.EqualTo(7));
    }

    [Test]
    public void Collect_HistogramWithLabels_WritesCumulativeBucketsSumAndCount()
    {
        var registry = new MetricRegistry();
        var histogram = registry.AddHistogram("latency_seconds", "Latency.", [0.25, 1, 10], "op");
        var read = histogram.WithLabels("read");
        read.Observe(0.125);
        read.Observe(0.25); // a bucket's bound is inclusive ("le")
        read.Observe(5);
        read.Observe(100);
        histogram.WithLabels("a\"b");

        Assert.That(registry.Collect(), Is.EqualTo(
            "# HELP latency_seconds Latency.\n" +
            "# TYPE latency_seconds histogram\n" +
            "latency_seconds_bucket{op=\"a\\\"b\",le=\"0.25\"} 0\n" +
            "latency_seconds_bucket{op=\"a\\\"b\",le=\"1\"} 0\n" +
            "latency_seconds_bucket{op=\"a\\\"b\",le=\"10\"} 0\n" +
            "latency_seconds_bucket{op=\"a\\\"b\",le=\"+Inf\"} 0\n" +
            "latency_seconds_sum{op=\"a\\\"b\"} 0\n" +
            "latency_seconds_count{op=\"a\\\"b\"} 0\n" +
            "latency_seconds_bucket{op=\"read\",le=\"0.25\"} 2\n" +
            "latency_seconds_bucket{op=\"read\",le=\"1\"} 2\n" +
            "latency_seconds_bucket{op=\"read\",le=\"10\"} 3\n" +
            "latency_seconds_bucket{op=\"read\",le=\"+Inf\"} 4\n" +
            "latency_seconds_sum{op=\"read\"} 105.375\n" +
            "latency_seconds_count{op=\"read\"} 4\n"));
    }

    [Test]
    public void Collect_HistogramWithoutLabels_PutsOnlyLeInBraces()
    {
        var registry = new MetricRegistry();
        registry.AddHistogram("h", "H.", [1e-8]).Unlabelled.Observe(2);

        Assert.That(registry.Collect(), Is.EqualTo(
            "# HELP h H.\n# TYPE h histogram\nh_bucket{le=\"1e-08\"} 0\nh_bucket{le=\"+Inf\"} 1\nh_sum 2\nh_count 1\n"));
    }

    [Test]
    public void Collect_FamiliesSortedByName_AndLabelledFamilyWithoutSeriesOmitted()
    {
        var registry = new MetricRegistry();
        registry.AddCounter("zeta_total", "Z.");
        registry.AddGauge("empty", "No series yet.", "generator");
        registry.AddCounter("alpha_total", "A.");

        var names = registry.Collect().Split('\n').Where(l => l.StartsWith("# TYPE", StringComparison.Ordinal)).ToList();

        Assert.That(names, Is.EqualTo(new[] { "# TYPE alpha_total counter", "# TYPE zeta_total counter" }));
    }

    [Test]
    public void Remove_DropsTheSeriesFromTheExposition()
    {
        var registry = new MetricRegistry();
        var gauge = registry.AddGauge("resources", "R.", "generator");
        gauge.WithLabels("a").Set(1);
        gauge.WithLabels("b").Set(2);

        Assert.That(gauge.Remove("a"), Is.True);

        Assert.That(Scrape.Parse(registry.Collect()).Keys, Is.EqualTo(new[] { "resources{generator=\"b\"}" }));
    }

    [Test]
    public void CounterInc_NegativeOrNaN_IsIgnoredNotThrown()
    {
        var counter = new MetricRegistry().AddCounter("c_total", "C.").Unlabelled;

        counter.Inc(-1);
        counter.Inc(double.NaN);
        counter.Inc(2);

        Assert.That(counter.Value, Is.EqualTo(2));
    }

    [Test]
    public void BeforeCollect_RunsOnEveryCollection()
    {
        var registry = new MetricRegistry();
        var gauge = registry.AddGauge("g", "G.").Unlabelled;
        var calls = 0;
        registry.BeforeCollect(() => gauge.Set(++calls));

        registry.Collect();

        Assert.That(registry.Collect(), Does.EndWith("g 2\n"));
    }

    [Test]
    public void AddCounter_SameNameTwice_Throws()
    {
        var registry = new MetricRegistry();
        registry.AddCounter("dup_total", "D.");

        Assert.Throws<InvalidOperationException>(() => registry.AddGauge("dup_total", "D."));
    }

    [TestCase("1starts_with_digit", "ok")]
    [TestCase("has-dash", "ok")]
    [TestCase("ok", "__reserved")]
    [TestCase("ok", "bad-label")]
    public void AddCounter_InvalidNames_Throw(string name, string label)
    {
        Assert.Throws<ArgumentException>(() => new MetricRegistry().AddCounter(name, "Help.", label));
    }

    [Test]
    public void AddHistogram_LeLabelOrUnsortedBuckets_Throw()
    {
        var registry = new MetricRegistry();

        Assert.Throws<ArgumentException>(() => registry.AddHistogram("h1", "H.", [1], "le"));
        Assert.Throws<ArgumentException>(() => registry.AddHistogram("h2", "H.", [2, 1]));
        Assert.Throws<ArgumentException>(() => registry.AddHistogram("h3", "H.", [1, double.PositiveInfinity]));
    }

    [Test]
    public void WithLabels_WrongNumberOfValues_Throws()
    {
        var counter = new MetricRegistry().AddCounter("c_total", "C.", "a", "b");

        Assert.Throws<ArgumentException>(() => counter.WithLabels("only-one"));
    }
}
