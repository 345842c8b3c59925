using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox;
using KamajiKubeconfig.Sandbox.Controllers;
using KamajiKubeconfig.Sandbox.Kamaji;
using KamajiKubeconfig.Sandbox.Storage;

namespace KamajiKubeconfig.Benchmarks.Harness;

/// <summary>
/// The sandbox API server with the Kamaji simulator, hosted in this process and seeded with N ready tenants
/// (100 per namespace). The controller talks to it over HTTPS as a service account of its own, so the requests it
/// makes are counted on the server side, apart from everyone else's.
/// </summary>
public sealed class BenchSandbox : IAsyncDisposable
{
    public const string ControllerUser = "system:serviceaccount:kamaji-system:kubeconfig-generator";
    public const int TenantsPerNamespace = 100;
    private const string GeneratorsKey = "kamaji.clastix.io/kubeconfiggenerators";
    private static readonly HashSet<string> WriteVerbs = ["create", "update", "patch", "delete", "deletecollection"];

    private readonly ManifestLoader _loader;

    private BenchSandbox(SandboxServer server, int namespaces)
    {
        Server = server;
        Namespaces = namespaces;
        _loader = new ManifestLoader(server.Context);
        server.Context.Store.Changed += Watch.OnChanged;
    }

    public SandboxServer Server { get; }

    public ClusterWatch Watch { get; } = new();

    public int Namespaces { get; }

    /// <summary>The namespace of the i-th tenant.</summary>
    public string Ns(int i) => BenchObjects.Namespace(i % Namespaces);

    /// <summary>
    /// Starts the sandbox with the simulator on (ECDSA P-256 CAs: RSA-2048 CAs for 10,000 tenants would cost the
    /// simulator 50,000 RSA key generations), creates the namespaces and tenants, and waits until Kamaji's Secrets
    /// of every tenant exist. <paramref name="changesAhead"/> sizes the event history so no watch expires.
    /// </summary>
    public static async Task<BenchSandbox> StartAsync(int tenants, int changesAhead, TimeSpan timeout)
    {
        var server = await SandboxServer.StartAsync(new SandboxOptions
        {
            CrdPaths = [Repository.Crds],
            HistoryCapacity = (8 * tenants) + changesAhead + 10_000,
        });
        server.Kamaji.UseEcdsa = true;
        // Thousands of loopback listeners would measure the sandbox, not the controller.
        server.Kamaji.ServeTenantEndpoints = false;
        var sandbox = new BenchSandbox(server, Math.Max(1, (tenants + TenantsPerNamespace - 1) / TenantsPerNamespace));
        var reconciled = 0;
        server.Kamaji.Reconciled += (_, _) => Interlocked.Increment(ref reconciled);
        server.Kamaji.Enabled = true;
        for (var n = 0; n < sandbox.Namespaces; n++)
        {
            sandbox.Apply(BenchObjects.NamespaceObject(BenchObjects.Namespace(n)));
        }
        for (var i = 0; i < tenants; i++)
        {
            sandbox.CreateTenant(sandbox.Ns(i), BenchObjects.SeededTenant(i));
        }
        var deadline = Stopwatch.GetTimestamp() + (long)(Stopwatch.Frequency * timeout.TotalSeconds);
        // Every tenant readied, and the simulator's queue empty: its own status writes queue each TCP once more, and
        // that second round would otherwise run while the controller starts, on the same two cores.
        while (Volatile.Read(ref reconciled) < tenants || !server.Kamaji.Idle)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                await sandbox.DisposeAsync();
                throw new BenchException($"the Kamaji simulator readied {reconciled} of {tenants} tenants in {timeout} ({server.Kamaji.LastError?.Message})");
            }
            await Task.Delay(100);
        }
        return sandbox;
    }

    public void Apply(JsonObject obj) => _loader.LoadObject(obj);

    public void CreateTenant(string ns, string name, IReadOnlyDictionary<string, string>? labels = null) =>
        Apply(BenchObjects.Tenant(ns, name, labels));

    /// <summary>Edits a TCP in place, as another client would (retried when the simulator wrote it meanwhile).</summary>
    public void EditTenant(string ns, string name, Action<JsonObject> edit)
    {
        for (var attempt = 0; ; attempt++)
        {
            var current = Server.Context.Store.Get(KamajiSimulator.TcpStorageKey, ns, name)
                ?? throw new BenchException($"no TenantControlPlane {ns}/{name}");
            try
            {
                ObjectEditor.Update(Server.Context.Store, KamajiSimulator.TcpStorageKey, current, edit);
                return;
            }
            catch (StoreConflictException) when (attempt < 10)
            {
                // Written concurrently: edit the newer version.
            }
        }
    }

    /// <summary>A kubeconfig for the controller's own identity (a bearer token of its service account).</summary>
    public string WriteControllerKubeconfig(string path) =>
        Server.WriteKubeconfig(path, Server.AddServiceAccount("kamaji-system", "kubeconfig-generator"));

    /// <summary>Write requests the controller made so far, by "verb resource".</summary>
    public IReadOnlyDictionary<string, long> ControllerWritesByKind() => Server.Context.Requests.Snapshot()
        .Where(p => p.Key.User == ControllerUser && WriteVerbs.Contains(p.Key.Verb))
        .GroupBy(p => $"{p.Key.Verb} {p.Key.Resource}", p => p.Value)
        .ToDictionary(g => g.Key, g => g.Sum(), StringComparer.Ordinal);

    public long ControllerWrites() => ControllerWritesByKind().Values.Sum();

    /// <summary>The generator's status as stored: targets, valid kubeconfigs, and whether Ready is True.</summary>
    public GeneratorState Generator(string name)
    {
        var stored = Server.Context.Store.Get(GeneratorsKey, "", name);
        if (stored is null)
        {
            return new GeneratorState(false, 0, 0, false);
        }
        using var document = JsonDocument.Parse(stored.Json);
        if (!document.RootElement.TryGetProperty("status", out var status))
        {
            return new GeneratorState(true, 0, 0, false);
        }
        var ready = status.TryGetProperty("conditions", out var conditions) && conditions.EnumerateArray().Any(c =>
            c.TryGetProperty("type", out var type) && type.GetString() == "Ready" && c.TryGetProperty("status", out var s) && s.GetString() == "True");
        return new GeneratorState(true, Int(status, "resources"), Int(status, "availableResources"), ready);
    }

    /// <summary>TCPs that a generator without a TCP selector of its own would serve (in the benchmark's namespaces, not excluded).</summary>
    public int SelectableTenants() => Server.Context.Store.List(KamajiSimulator.TcpStorageKey, null).Items
        .Count(t => t.Namespace.StartsWith(BenchObjects.NamespacePrefix, StringComparison.Ordinal) && !t.Labels.ContainsKey(BenchObjects.ExcludedLabel));

    private static int Int(JsonElement status, string name) =>
        status.TryGetProperty(name, out var value) && value.TryGetInt32(out var n) ? n : 0;

    public async ValueTask DisposeAsync()
    {
        Server.Context.Store.Changed -= Watch.OnChanged;
        await Server.DisposeAsync();
    }
}
