using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using KamajiKubeconfig.Controller.Hosting;
using KamajiKubeconfig.Reconcile;
using KamajiKubeconfig.Sandbox;
using KamajiKubeconfig.Tests.Tools;

namespace KamajiKubeconfig.Tests.EndToEnd;

/// <summary>
/// One sandbox API server (HTTPS, RBAC on, Kamaji simulator on, our CRDs) and one real controller running as its
/// own ServiceAccount with exactly the shipped RBAC, so a missing permission fails the suite. Tests use unique
/// namespaces and generator names, and poll with deadlines. With <c>E2E_KUBECONFIG</c> set (<c>make e2e</c>) the
/// same suite runs against that cluster instead, with the controller in-process on those credentials, and removes
/// what it created.
/// </summary>
public abstract class EndToEndTestBase
{
    private readonly List<string> _generators = [];
    private readonly List<string> _namespaces = [];

    /// <summary>The cluster <c>make e2e</c> points the suite at; null = the in-process sandbox.</summary>
    protected static string? ExternalKubeconfig => Environment.GetEnvironmentVariable("E2E_KUBECONFIG");

    protected SandboxServer? Sandbox { get; private set; }

    protected Kubernetes Admin { get; private set; } = null!;
    protected TempDirectory Files { get; private set; } = null!;
    protected string ControllerKubeconfig { get; private set; } = null!;
    protected string AdminKubeconfig { get; private set; } = null!;
    internal ControllerUnderTest Controller { get; private set; } = null!;

    /// <summary>Options for the controller under test; a fixture may override (e.g. leader election).</summary>
    protected virtual ControllerOptions Options => new() { LeaderElect = false, Workers = 2 };

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        Files = new TempDirectory();
        if (ExternalKubeconfig is { } external)
        {
            AdminKubeconfig = external;
            Admin = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(external));
            await CreateNamespaceAsync("kamaji-system");
            ControllerKubeconfig = external;
            Controller = await ControllerUnderTest.StartAsync(ControllerKubeconfig, Options);
            return;
        }
        Sandbox = await SandboxServer.StartAsync(new SandboxOptions { KamajiSimulator = true, CrdPaths = [RepoPaths.Crds] });
        AdminKubeconfig = Sandbox.WriteKubeconfig(Files.File("admin.kubeconfig"));
        Admin = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(AdminKubeconfig));
        await CreateNamespaceAsync("kamaji-system");
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Rbac, "*.yaml").Where(f => !f.EndsWith("service_account.yaml", StringComparison.Ordinal)))
        {
            Sandbox.LoadRbac(file);
        }
        var token = Sandbox.AddServiceAccount("kamaji-system", "kubeconfig-generator");
        ControllerKubeconfig = Sandbox.WriteKubeconfig(Files.File("controller.kubeconfig"), token);
        Controller = await ControllerUnderTest.StartAsync(ControllerKubeconfig, Options);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (ExternalKubeconfig is not null)
        {
            await CleanUpExternalAsync();
        }
        await Controller.DisposeAsync();
        Admin.Dispose();
        if (Sandbox is not null)
        {
            await Sandbox.DisposeAsync();
        }
        Files.Dispose();
    }

    /// <summary>On a real cluster: generators first (the running controller deletes their Secrets), then namespaces.</summary>
    private async Task CleanUpExternalAsync()
    {
        if (Controller.Stopped)
        {
            // Only a running controller releases the generators' finalizers.
            await Controller.DisposeAsync();
            Controller = await ControllerUnderTest.StartAsync(ControllerKubeconfig, Options with { LeaderElect = false });
        }
        foreach (var generator in _generators)
        {
            try
            {
                await DeleteGeneratorAsync(generator);
            }
            catch (HttpOperationException)
            {
                // Already deleted by the test.
            }
        }
        foreach (var generator in _generators)
        {
            await Eventually.HoldsAsync(async () => await GetGeneratorAsync(generator) is null, $"generator {generator} to be deleted", TimeSpan.FromSeconds(60));
        }
        foreach (var ns in _namespaces)
        {
            await Admin.CoreV1.DeleteNamespaceAsync(ns);
        }
    }

    /// <summary>Skips a test that steers the sandbox's Kamaji simulator, which a real cluster does not have.</summary>
    protected void RequireSandbox()
    {
        if (Sandbox is null)
        {
            Assert.Ignore("needs the sandbox's Kamaji simulator (not available against a real cluster)");
        }
    }

    protected static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";

    protected async Task CreateNamespaceAsync(string name, params (string Key, string Value)[] labels)
    {
        try
        {
            await Admin.CoreV1.CreateNamespaceAsync(new V1Namespace
            {
                Metadata = new V1ObjectMeta { Name = name, Labels = labels.ToDictionary(l => l.Key, l => l.Value) },
            });
            _namespaces.Add(name);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            // Shared namespaces (kamaji-system) may exist already.
        }
    }

    protected Task LabelNamespaceAsync(string name, params (string Key, string? Value)[] labels) =>
        Admin.CoreV1.PatchNamespaceAsync(MergePatch(new JsonObject { ["metadata"] = new JsonObject { ["labels"] = LabelPatch(labels) } }), name);

    protected async Task CreateTenantAsync(string ns, string name, params (string Key, string Value)[] labels)
    {
        var body = new JsonObject
        {
            ["apiVersion"] = WellKnown.ApiVersion,
            ["kind"] = WellKnown.TenantControlPlaneKind,
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = ns,
                ["labels"] = new JsonObject(labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value))),
            },
            ["spec"] = new JsonObject
            {
                ["kubernetes"] = new JsonObject { ["version"] = "v1.32.0" },
                ["networkProfile"] = new JsonObject { ["port"] = 6443 },
            },
        };
        await Admin.CustomObjects.CreateNamespacedCustomObjectAsync(body, WellKnown.Group, WellKnown.Version, ns, WellKnown.TenantControlPlanePlural);
    }

    protected Task PatchTenantAsync(string ns, string name, JsonObject patch) =>
        Admin.CustomObjects.PatchNamespacedCustomObjectAsync(MergePatch(patch), WellKnown.Group, WellKnown.Version, ns, WellKnown.TenantControlPlanePlural, name);

    protected Task DeleteTenantAsync(string ns, string name) =>
        Admin.CustomObjects.DeleteNamespacedCustomObjectAsync(WellKnown.Group, WellKnown.Version, ns, WellKnown.TenantControlPlanePlural, name);

    protected async Task CreateGeneratorAsync(string yaml)
    {
        var body = JsonNode.Parse(YamlJson.Read(yaml).GetRawText())!;
        _generators.Add(body["metadata"]!["name"]!.GetValue<string>());
        await Admin.CustomObjects.CreateClusterCustomObjectAsync(body, WellKnown.Group, WellKnown.Version, WellKnown.GeneratorPlural);
    }

    /// <summary>A generator over one namespace (by its name label); <paramref name="specExtra"/> is more spec YAML.</summary>
    protected Task CreateGeneratorForAsync(string generator, string ns, string user = "stringValue: alice", string specExtra = "") =>
        CreateGeneratorAsync($"""
            apiVersion: kamaji.clastix.io/v1alpha1
            kind: KubeconfigGenerator
            metadata:
              name: {generator}
            spec:
              namespaceSelector:
                matchLabels:
                  kubernetes.io/metadata.name: {ns}
              user:
                {user}
              groups:
                - stringValue: ops
              controlPlaneEndpointFrom: admin.conf
            {specExtra}
            """);

    /// <summary>Registers a generator a test created by other means, so a real cluster is cleaned up.</summary>
    protected void Track(string generator) => _generators.Add(generator);

    protected Task PatchGeneratorAsync(string name, JsonObject patch) =>
        Admin.CustomObjects.PatchClusterCustomObjectAsync(MergePatch(patch), WellKnown.Group, WellKnown.Version, WellKnown.GeneratorPlural, name);

    protected Task DeleteGeneratorAsync(string name) =>
        Admin.CustomObjects.DeleteClusterCustomObjectAsync(WellKnown.Group, WellKnown.Version, WellKnown.GeneratorPlural, name);

    protected async Task<JsonElement?> GetGeneratorAsync(string name)
    {
        try
        {
            var obj = await Admin.CustomObjects.GetClusterCustomObjectAsync(WellKnown.Group, WellKnown.Version, WellKnown.GeneratorPlural, name);
            return JsonDocument.Parse(JsonSerializer.Serialize(obj)).RootElement.Clone();
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    protected async Task<V1Secret?> GetSecretAsync(string ns, string name)
    {
        try
        {
            return await Admin.CoreV1.ReadNamespacedSecretAsync(name, ns);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Waits for a Secret that satisfies <paramref name="condition"/>.</summary>
    protected Task<V1Secret> SecretAsync(string ns, string name, Func<V1Secret, bool>? condition = null, string? what = null) =>
        Eventually.GetAsync(async () => await GetSecretAsync(ns, name) is { } s && (condition?.Invoke(s) ?? true) ? s : null,
            what ?? $"Secret {ns}/{name}");

    protected Task SecretGoneAsync(string ns, string name) =>
        Eventually.HoldsAsync(async () => await GetSecretAsync(ns, name) is null, $"Secret {ns}/{name} to be deleted");

    /// <summary>Waits for the generator's status to satisfy <paramref name="condition"/>; returns it.</summary>
    protected async Task<JsonElement> StatusAsync(string generator, Func<JsonElement, bool> condition, string what) =>
        (JsonElement)await Eventually.GetAsync<object>(
            async () => await GetGeneratorAsync(generator) is { } g && g.TryGetProperty("status", out var s) && condition(s) ? s : null, what);

    protected static string Kubeconfig(V1Secret secret) => Encoding.UTF8.GetString(secret.Data[WellKnown.ValueKey]);

    /// <summary>The client certificate inside a generated kubeconfig, as PEM.</summary>
    protected static string ClientCertificatePem(V1Secret secret)
    {
        var config = KubeconfigReader.TryRead(Kubeconfig(secret), out _)!;
        return Encoding.ASCII.GetString(Convert.FromBase64String(config.Users[0].ClientCertificateData!));
    }

    protected static V1Patch MergePatch(JsonObject patch) => new(patch.ToJsonString(), V1Patch.PatchType.MergePatch);

    private static JsonObject LabelPatch((string Key, string? Value)[] labels) =>
        new(labels.Select(l => KeyValuePair.Create(l.Key, l.Value is null ? null : (JsonNode?)l.Value)));
}
