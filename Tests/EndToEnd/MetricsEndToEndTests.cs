using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace KamajiKubeconfig.Tests.EndToEnd;

/// <summary>What Prometheus scrapes from the running controller, and its probes (docs/kubernetes-notes.md A15).</summary>
public partial class MetricsEndToEndTests : EndToEndTestBase
{
    [GeneratedRegex(@"^(?<name>[a-z_]+)(\{(?<labels>[^}]*)\})? (?<value>\S+)$", RegexOptions.Multiline)]
    private static partial Regex Sample();

    internal static async Task<string> ScrapeAsync(ControllerUnderTest controller)
    {
        using var http = new HttpClient();
        var endpoint = controller.Observability.MetricsEndpoint!;
        return await http.GetStringAsync(new Uri($"http://127.0.0.1:{endpoint.Port}/metrics"));
    }

    internal static double Value(string scrape, string name, string labels) =>
        Sample().Matches(scrape).Where(m => m.Groups["name"].Value == name && m.Groups["labels"].Value == labels)
            .Select(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture)).SingleOrDefault(double.NaN);

    internal static double Sum(string scrape, string name) =>
        Sample().Matches(scrape).Where(m => m.Groups["name"].Value == name)
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [Test]
    public async Task Scrape_AfterPasses_ReconcileWorkqueueAndIssuanceSeriesMove()
    {
        var before = await ScrapeAsync(Controller);
        var ns = Unique("metrics");
        await CreateNamespaceAsync(ns);
        await CreateTenantAsync(ns, "t");
        var generator = Unique("metrics");
        await CreateGeneratorForAsync(generator, ns);
        await SecretAsync(ns, $"t-{generator}");
        await StatusAsync(generator, s => s.GetProperty("availableResources").GetInt32() == 1, "available");

        var after = await Eventually.GetAsync(async () =>
        {
            var scrape = await ScrapeAsync(Controller);
            return Value(scrape, "kubeconfig_generator_available_resources", $"generator=\"{generator}\"") == 1 ? scrape : null;
        }, "the per-generator gauge");

        Assert.That(Sum(after, "controller_runtime_reconcile_total"), Is.GreaterThan(Sum(before, "controller_runtime_reconcile_total")));
        Assert.That(Value(after, "workqueue_adds_total", "controller=\"kubeconfiggenerator\",name=\"kubeconfiggenerator\""), Is.GreaterThan(0));
        Assert.That(Value(after, "kubeconfig_generator_certificates_issued_total", "reason=\"missing\""), Is.GreaterThanOrEqualTo(1));
        Assert.That(Value(after, "controller_runtime_max_concurrent_reconciles", "controller=\"kubeconfiggenerator\""), Is.EqualTo(2));
        Assert.That(Value(after, "kubeconfig_generator_certificate_expiry_seconds", $"generator=\"{generator}\""), Is.GreaterThan(300 * 24 * 3600));
        Assert.That(Value(after, "kubeconfig_generator_apply_requests_total", "outcome=\"applied\""), Is.GreaterThan(0));
    }

    [Test]
    public async Task Probes_LiveAtOnceAndReadyOnceCachesSynced()
    {
        using var http = new HttpClient();
        var probe = Controller.Observability.HealthProbeEndpoint!;

        var healthy = await http.GetAsync(new Uri($"http://127.0.0.1:{probe.Port}/healthz"));
        await Eventually.HoldsAsync(async () => (await http.GetAsync(new Uri($"http://127.0.0.1:{probe.Port}/readyz"))).StatusCode == HttpStatusCode.OK,
            "/readyz to answer 200");

        Assert.That(healthy.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
