using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KamajiKubeconfig.Controller.Applier;
using KamajiKubeconfig.Controller.Cluster;
using KamajiKubeconfig.Controller.Issuing;
using KamajiKubeconfig.Controller.Workers;
using KamajiKubeconfig.Informers;
using KamajiKubeconfig.Reconcile;
using KamajiKubeconfig.Sandbox;
using KamajiKubeconfig.Tests.Builders;
using KamajiKubeconfig.Tests.EndToEnd;
using KamajiKubeconfig.Tests.Informers.Integration;
using KamajiKubeconfig.Tests.Observability;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace KamajiKubeconfig.Tests.Workers;

/// <summary>
/// The real <see cref="PassRunner"/> over real caches and the real API seam, against the sandbox API server
/// (docs/behaviour.md D10). A TCP whose status names a Secret the caches do not hold (no Kamaji component label) has
/// it read directly, and its generator comes back within <see cref="PassRunner.DirectReadRefresh"/>, so a change to
/// that Secret is seen within a minute, not at the next resync; a failed direct read makes the pass transient.
/// </summary>
[CancelAfter(60_000)]
public class PassRunnerTests
{
    private SandboxServer _sandbox = null!;
    private Kubernetes _admin = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { CrdPaths = [RepoPaths.Crds] });
        _admin = new Kubernetes(Config());
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _admin.Dispose();
        await _sandbox.DisposeAsync();
    }

    [TestCase("t-ca")]
    [TestCase("t-admin-kubeconfig")]
    public async Task Run_TenantNamesAnUncachedSecret_ReadsItDirectlyAndComesBackWithinAMinute(string unlabelled)
    {
        var (ns, generator) = await CreateTenantAsync(caLabelled: unlabelled != "t-ca", adminLabelled: unlabelled != "t-admin-kubeconfig");
        await using var pass = await PassAsync();

        var report = await pass.Runner.RunAsync(generator, CancellationToken.None);

        Assert.That(pass.Requests.Lists.Select(u => u.AbsolutePath).Where(p => p.Contains("/secrets/", StringComparison.Ordinal)),
            Is.EqualTo(new[] { $"/api/v1/namespaces/{ns}/secrets/{unlabelled}", $"/api/v1/namespaces/{ns}/secrets/t-ca" }),
            "one direct read, of the uncached Secret, then the CA key read to sign");
        Assert.That((report!.Transient, report.Failed, report.Issued.GetValueOrDefault(IssueReason.Missing)), Is.EqualTo((false, 0, 1)),
            "issued with the Secret read directly");
        Assert.That(report.Plan.RequeueAt, Is.EqualTo(pass.Time.GetUtcNow() + PassRunner.DirectReadRefresh));
        Assert.That(await _admin.CoreV1.ReadNamespacedSecretAsync($"t-{generator}", ns), Is.Not.Null);
    }

    [Test]
    public async Task Run_AfterADirectRead_TheNextPassReadsThatSecretAgainWithoutAFullPass()
    {
        var (ns, generator) = await CreateTenantAsync(caLabelled: false);
        await using var pass = await PassAsync();
        await pass.Runner.RunAsync(generator, CancellationToken.None);
        var before = pass.Requests.Lists.Count;

        // Nothing marked: the refresh requeue. The uncached CA Secret is read again, and nothing is reissued.
        var report = await pass.Runner.RunAsync(generator, CancellationToken.None);

        Assert.That(pass.Requests.Lists.Skip(before).Select(u => u.AbsolutePath).Where(p => p.Contains("/secrets/", StringComparison.Ordinal)),
            Is.EqualTo(new[] { $"/api/v1/namespaces/{ns}/secrets/t-ca" }));
        Assert.That((report!.Transient, report.Issued.Count, report.Plan.Targets.Single().Action), Is.EqualTo((false, 0, TargetAction.Keep)));
        Assert.That(report.Plan.RequeueAt, Is.EqualTo(pass.Time.GetUtcNow() + PassRunner.DirectReadRefresh), "still refreshed every minute");
    }

    [Test]
    public async Task Run_EveryReferencedSecretCached_ReadsOnlyTheCaKeyToSignAndKeepsTheRenewalTime()
    {
        var (ns, generator) = await CreateTenantAsync(caLabelled: true);
        await using var pass = await PassAsync();

        var report = await pass.Runner.RunAsync(generator, CancellationToken.None);

        Assert.That(pass.Requests.Lists.Select(u => u.AbsolutePath).Where(p => p.Contains("/secrets/t-", StringComparison.Ordinal)),
            Is.EqualTo(new[] { $"/api/v1/namespaces/{ns}/secrets/t-ca" }), "the caches hold no CA key: it is read once, to sign");
        Assert.That((report!.Transient, report.Issued.GetValueOrDefault(IssueReason.Missing)), Is.EqualTo((false, 1)));
        Assert.That(report.Plan.RequeueAt, Is.GreaterThan(pass.Time.GetUtcNow() + TimeSpan.FromDays(100)), "renewal of a year's certificate");
    }

    [Test]
    public async Task Run_DirectReadFails_ThePassIsTransient()
    {
        var (_, generator) = await CreateTenantAsync(caLabelled: false);
        await using var pass = await PassAsync();
        _sandbox.Faults.FailNext(1, 503, verb: "get", resource: "secrets");

        var report = await pass.Runner.RunAsync(generator, CancellationToken.None);

        Assert.That(report!.Transient, Is.True, "retried with backoff");
        Assert.That(report.Plan.Status!.Errors.Single().Message, Does.Contain("Certificate Authority"), "the TCP read as without its CA for this pass");
    }

    [Test]
    public async Task Run_GeneratorNotInTheCache_ReturnsNull()
    {
        await using var pass = await PassAsync();

        Assert.That(await pass.Runner.RunAsync("no-such-generator", CancellationToken.None), Is.Null);
    }

    /// <summary>
    /// A namespace with TCP <c>t</c>, its admin kubeconfig and CA Secrets (each with Kamaji's component label, so
    /// cached, or without), and a generator selecting the namespace. Kamaji's status is written by hand: no simulator runs.
    /// </summary>
    private async Task<(string Namespace, string Generator)> CreateTenantAsync(bool caLabelled, bool adminLabelled = true)
    {
        var ns = $"pr-{Guid.NewGuid().ToString("N")[..8]}";
        var generator = $"g-{ns}";
        var world = new TestWorld().Tenant(ns, "t", TestPki.Ca());
        await _admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        await CreateSecretAsync(world.Secret(ns, "t-admin-kubeconfig")!, adminLabelled);
        await CreateSecretAsync(world.Secret(ns, "t-ca")!, caLabelled);
        await _admin.CustomObjects.CreateNamespacedCustomObjectAsync(CustomResources.Tenant(ns, "t"), WellKnown.Group, WellKnown.Version, ns,
            WellKnown.TenantControlPlanePlural);
        var status = new JsonObject
        {
            ["status"] = new JsonObject
            {
                ["kubeconfig"] = new JsonObject { ["admin"] = new JsonObject { ["secretName"] = "t-admin-kubeconfig" } },
                ["certificates"] = new JsonObject { ["ca"] = new JsonObject { ["secretName"] = "t-ca" } },
            },
        };
        await _admin.CustomObjects.PatchNamespacedCustomObjectStatusAsync(new V1Patch(status.ToJsonString(), V1Patch.PatchType.MergePatch),
            WellKnown.Group, WellKnown.Version, ns, WellKnown.TenantControlPlanePlural, "t");
        var body = CustomResources.Generator(generator);
        body["spec"]!["namespaceSelector"]!["matchLabels"]!["kubernetes.io/metadata.name"] = ns;
        await _admin.CustomObjects.CreateClusterCustomObjectAsync(body, WellKnown.Group, WellKnown.Version, WellKnown.GeneratorPlural);
        return (ns, generator);
    }

    private Task<V1Secret> CreateSecretAsync(SecretInfo secret, bool labelled) => _admin.CoreV1.CreateNamespacedSecretAsync(new V1Secret
    {
        Metadata = new V1ObjectMeta
        {
            Name = secret.Name,
            Labels = labelled ? secret.Labels.ToDictionary(l => l.Key, l => l.Value) : new Dictionary<string, string> { ["app"] = "not-kamaji" },
        },
        Data = secret.Data.ToDictionary(d => d.Key, d => d.Value),
    }, secret.Namespace);

    /// <summary>Caches synced on what the sandbox holds now, and a runner whose API client logs its requests.</summary>
    private async Task<PassUnderTest> PassAsync()
    {
        var informerClient = new Kubernetes(Config());
        var caches = new ClusterCaches(informerClient, TimeProvider.System, NullLoggerFactory.Instance, Mock.Of<IInformerMetrics>());
        var stop = new CancellationTokenSource();
        var informers = caches.All.Select(i => i.RunAsync(stop.Token)).ToList();
        await caches.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));
        var requests = new RequestLog();
        var apiClient = new Kubernetes(Config(), requests);
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var api = new KubeApi(apiClient, time, "pass-runner-test", new ControllerMetricsFixture().Metrics);
        var memo = new BoundedValidityMemo(100);
        var executor = new PlanExecutor(api, new KubeconfigIssuing(new CertificateIssuer(FixedKeySource.Shared), 2), new SecretWriter(api), 4, memo,
            caches.RecentWrites);
        var runner = new PassRunner(caches, api, executor, ReconcileOptions.Default, memo, time, new DirtyTargets());
        return new PassUnderTest(runner, requests, time, async () =>
        {
            await stop.CancelAsync();
            await Task.WhenAll(informers);
            stop.Dispose();
            apiClient.Dispose();
            informerClient.Dispose();
        });
    }

    private KubernetesClientConfiguration Config()
    {
        using var kubeconfig = new MemoryStream(Encoding.UTF8.GetBytes(_sandbox.Kubeconfig()));
        return KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig);
    }

    private sealed record PassUnderTest(PassRunner Runner, RequestLog Requests, FakeTimeProvider Time, Func<Task> Stop) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await Stop();
    }
}
