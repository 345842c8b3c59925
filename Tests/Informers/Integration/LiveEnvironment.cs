using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KamajiKubeconfig.Informers;
using KamajiKubeconfig.Reconcile;
using KamajiKubeconfig.Sandbox;
using KamajiKubeconfig.Tests.EndToEnd;

namespace KamajiKubeconfig.Tests.Informers.Integration;

/// <summary>
/// One sandbox API server over HTTPS per test (faults, compaction and restarts are server-wide, so tests must not
/// share one), an admin client for the test's own writes and reads, and a separate, logged client for informers.
/// </summary>
internal sealed class LiveEnvironment : IAsyncDisposable
{
    public const string Selector = "informer-it=yes";

    private readonly List<(string Name, IAsyncDisposable Informer, InformerLogBuffer Log)> _informers = [];

    private LiveEnvironment(SandboxServer sandbox)
    {
        Sandbox = sandbox;
        Admin = new Kubernetes(Config(sandbox));
        InformerClient = new Kubernetes(Config(sandbox), Requests, HalfOpen);
    }

    public SandboxServer Sandbox { get; }

    /// <summary>The test's hands: writes and the "fresh list from the server" the caches are compared with.</summary>
    public Kubernetes Admin { get; }

    /// <summary>What informers talk through; every request lands in <see cref="Requests"/>.</summary>
    public Kubernetes InformerClient { get; }

    public RequestLog Requests { get; } = new();

    /// <summary>Silences the informers' next watch after its first line (see <see cref="HalfOpenHandler"/>).</summary>
    public HalfOpenHandler HalfOpen { get; } = new();

    public static async Task<LiveEnvironment> StartAsync(SandboxOptions? options = null) =>
        new(await SandboxServer.StartAsync((options ?? new SandboxOptions()) with { CrdPaths = [RepoPaths.Crds] }));

    public LiveInformer<TRaw> Start<TRaw>(IListWatch<TRaw> source, Func<TRaw, Row> transform, InformerOptions options)
    {
        var informer = new LiveInformer<TRaw>(source, transform, options);
        _informers.Add((options.Name, informer, informer.Log));
        return informer;
    }

    public LiveInformer<V1Secret> StartSecrets(InformerOptions? options = null) =>
        Start(KubernetesListWatches.Secrets(InformerClient, Selector), Row.Of, options ?? LiveInformer<V1Secret>.Options("secrets"));

    public async Task<V1Namespace> CreateNamespaceAsync(string name, string? step = null) =>
        await Admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name, Labels = Labels(step, selected: null) } });

    public async Task<V1Secret> CreateSecretAsync(string ns, string name, bool selected = true, string step = "1") =>
        await Admin.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret
            {
                Metadata = new V1ObjectMeta { Name = name, Labels = Labels(step, selected) },
                Data = new Dictionary<string, byte[]> { ["v"] = Encoding.UTF8.GetBytes(name) },
            },
            ns);

    /// <summary>Sets labels (null removes one) with a merge patch; works for Secrets, Namespaces and both CRs.</summary>
    public static V1Patch LabelPatch(params (string Key, string? Value)[] labels) =>
        new(new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject(labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value))) } }.ToJsonString(),
            V1Patch.PatchType.MergePatch);

    public Task PatchSecretAsync(string ns, string name, params (string Key, string? Value)[] labels) =>
        Admin.CoreV1.PatchNamespacedSecretAsync(LabelPatch(labels), name, ns);

    public Task DeleteSecretAsync(string ns, string name) => Admin.CoreV1.DeleteNamespacedSecretAsync(name, ns);

    public async Task<IReadOnlyList<Row>> ServerSecretsAsync() =>
        [.. (await Admin.CoreV1.ListSecretForAllNamespacesAsync(labelSelector: Selector)).Items.Select(Row.Of)];

    public async Task<IReadOnlyList<Row>> ServerNamespacesAsync() =>
        [.. (await Admin.CoreV1.ListNamespaceAsync()).Items.Select(Row.Of)];

    public async Task<IReadOnlyList<Row>> ServerTenantsAsync() =>
        [.. (await Admin.CustomObjects.ListCustomObjectForAllNamespacesAsync<JsonElement>(
            WellKnown.Group, WellKnown.Version, WellKnown.TenantControlPlanePlural)).GetProperty("items").EnumerateArray().Select(Row.Of)];

    public async Task<IReadOnlyList<Row>> ServerGeneratorsAsync() =>
        [.. (await Admin.CustomObjects.ListClusterCustomObjectAsync<JsonElement>(
            WellKnown.Group, WellKnown.Version, WellKnown.GeneratorPlural)).GetProperty("items").EnumerateArray().Select(Row.Of)];

    /// <summary>
    /// Waits until the cache holds exactly the server's objects at the server's resourceVersions (scenario 8). The
    /// informer trails the server by a watch event, so this polls; on timeout it reports the difference.
    /// </summary>
    public static Task CacheMatchesServerAsync(InformerCache<Row> cache, Func<Task<IReadOnlyList<Row>>> serverList) =>
        Eventually.HoldsAsync(
            async () =>
            {
                var server = (await serverList()).Select(r => r.ToString()).Order(StringComparer.Ordinal).ToList();
                var cached = cache.Snapshot.List().Select(r => r.ToString()).Order(StringComparer.Ordinal).ToList();
                return server.SequenceEqual(cached)
                    ? true
                    : throw new InvalidOperationException(
                        $"only on the server: [{string.Join(", ", server.Except(cached))}]; only in the cache: [{string.Join(", ", cached.Except(server))}]");
            },
            "the cache to equal a fresh list from the server",
            TimeSpan.FromSeconds(10));

    /// <summary>Polls with a deadline well under the suite's budget.</summary>
    public static Task UntilAsync(Func<bool> condition, string what) =>
        Eventually.HoldsAsync(() => Task.FromResult(condition()), what, TimeSpan.FromSeconds(10));

    public async ValueTask DisposeAsync()
    {
        foreach (var (name, informer, log) in _informers)
        {
            await informer.DisposeAsync();

            // Shown with a failed test: which list, watch and restart paths ran.
            await TestContext.Out.WriteLineAsync($"informer {name}:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", log.Lines)}");
        }

        InformerClient.Dispose();
        Admin.Dispose();
        await Sandbox.DisposeAsync();
    }

    /// <summary>The step label, and the selector label when <paramref name="selected"/> is not null.</summary>
    private static Dictionary<string, string> Labels(string? step, bool? selected)
    {
        var labels = new Dictionary<string, string>();
        if (step is not null)
        {
            labels[Row.StepLabel] = step;
        }

        if (selected is { } yes)
        {
            labels["informer-it"] = yes ? "yes" : "no";
        }

        return labels;
    }

    private static KubernetesClientConfiguration Config(SandboxServer sandbox)
    {
        using var kubeconfig = new MemoryStream(Encoding.UTF8.GetBytes(sandbox.Kubeconfig()));
        return KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig);
    }
}
