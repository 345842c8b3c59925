
namespace KamajiKubeconfig.Tests.Observability;

/// <summary>Per-generator gauges: the one place an object name is a label, so they must go when the generator goes.</summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public class GeneratorSeriesTests
{
    private const string Resources = "kubeconfig_generator_resources{generator=\"tenants\"}";
    private const string Available = "kubeconfig_generator_available_resources{generator=\"tenants\"}";
    private const string Expiry = "kubeconfig_generator_certificate_expiry_seconds{generator=\"tenants\"}";

    private readonly ControllerMetricsFixture _fixture = new();

    [Test]
    public void GeneratorObserved_SetsResourcesAvailableAndSecondsUntilExpiry()
    {
        _fixture.Metrics.GeneratorObserved("tenants", 5, 4, _fixture.Time.GetUtcNow().AddHours(1));

        var samples = _fixture.Scrape();
        Assert.Multiple(() =>
        {
            Assert.That(samples[Resources], Is.EqualTo(5));
            Assert.That(samples[Available], Is.EqualTo(4));
            Assert.That(samples[Expiry], Is.EqualTo(3600));
        });
    }

    [Test]
    public void SecondsUntilExpiry_IsRecomputedAtEachScrape()
    {
        _fixture.Metrics.GeneratorObserved("tenants", 1, 1, _fixture.Time.GetUtcNow().AddHours(1));

        _fixture.Time.Advance(TimeSpan.FromMinutes(70));

        Assert.That(_fixture.Value(Expiry), Is.EqualTo(-600), "negative once expired");
    }

    [Test]
    public void GeneratorObserved_WithoutCertificates_RemovesOnlyTheExpirySeries()
    {
        _fixture.Metrics.GeneratorObserved("tenants", 2, 2, _fixture.Time.GetUtcNow().AddDays(1));

        _fixture.Metrics.GeneratorObserved("tenants", 0, 0, earliestExpiry: null);
        _fixture.Time.Advance(TimeSpan.FromMinutes(1));

        var samples = _fixture.Scrape();
        Assert.That(samples, Does.Not.ContainKey(Expiry));
        Assert.That(samples[Resources], Is.Zero);
    }

    [Test]
    public void GeneratorDeleted_RemovesItsSeries_AndKeepsOtherGenerators()
    {
        _fixture.Metrics.GeneratorObserved("tenants", 2, 1, _fixture.Time.GetUtcNow().AddDays(1));
        _fixture.Metrics.GeneratorObserved("admins", 3, 3, _fixture.Time.GetUtcNow().AddDays(2));

        _fixture.Metrics.GeneratorDeleted("tenants");

        var generatorSeries = _fixture.Scrape().Keys.Where(k => k.Contains("generator=", StringComparison.Ordinal)).ToList();
        Assert.That(generatorSeries, Is.EquivalentTo(new[]
        {
            "kubeconfig_generator_resources{generator=\"admins\"}",
            "kubeconfig_generator_available_resources{generator=\"admins\"}",
            "kubeconfig_generator_certificate_expiry_seconds{generator=\"admins\"}",
        }));
    }

    [Test]
    public void GeneratorDeleted_ThenScraped_DoesNotBringTheExpiryBack()
    {
        _fixture.Metrics.GeneratorObserved("tenants", 1, 1, _fixture.Time.GetUtcNow().AddDays(1));
        _fixture.Metrics.GeneratorDeleted("tenants");

        _fixture.Scrape();

        Assert.That(_fixture.Scrape().Keys.Where(k => k.Contains("tenants", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public void LabelValue_GeneratorNameWithQuote_IsEscaped()
    {
        _fixture.Metrics.GeneratorObserved("odd\"name", 1, 0, null);

        Assert.That(_fixture.Exposition(), Does.Contain("kubeconfig_generator_resources{generator=\"odd\\\"name\"} 1\n"));
    }
}
