using System.Text.Json.Nodes;
using KamajiKubeconfig.Chaos.Checks;
using KamajiKubeconfig.Chaos.Infrastructure;

namespace KamajiKubeconfig.Chaos;

/// <summary>
/// One sandbox API server process (our CRDs, the Kamaji simulator, RBAC on with exactly <c>manifests/rbac</c>) and the
/// controller replicas running against it as their ServiceAccount. Scenarios build tenants and generators here, inject
/// faults through the sandbox's admin endpoints, and check the invariants.
/// </summary>
public sealed class ChaosWorld : IAsyncDisposable
{
    public const string ControllerUser = "system:serviceaccount:kamaji-system:kubeconfig-generator";
    public const string LeasePath = "/apis/coordination.k8s.io/v1/namespaces/kamaji-system/leases/kubeconfiggenerator.kamaji.clastix.io";

    private ChaosWorld(string directory, SandboxProcess sandbox, string controllerKubeconfig)
    {
        Directory = directory;
        Sandbox = sandbox;
        Admin = sandbox.Client();
        Control = new SandboxAdmin(Admin);
        ControllerKubeconfig = controllerKubeconfig;
        Checker = new InvariantChecker(Expect);
    }

    public string Directory { get; }
    public SandboxProcess Sandbox { get; }
    public ApiClient Admin { get; }
    public SandboxAdmin Control { get; }
    public string ControllerKubeconfig { get; }
    public Expectations Expect { get; } = new();
    public InvariantChecker Checker { get; }
    public List<ControllerProcess> Controllers { get; } = [];

    /// <summary>Controllers the harness stopped on purpose and does not expect back.</summary>
    public HashSet<ControllerProcess> Retired { get; } = [];

    public static async Task<ChaosWorld> StartAsync(string directory, bool ecdsaCas = true, TimeSpan clockOffset = default)
    {
        System.IO.Directory.CreateDirectory(directory);
        var sandbox = await SandboxProcess.StartAsync(directory, ecdsaCas, clockOffset);
        try
        {
            using var admin = sandbox.Client();
            var control = new SandboxAdmin(admin);
            await control.LedgerAsync();
            await admin.CreateAsync("/api/v1/namespaces", Objects.Namespace("kamaji-system"));
            await ManifestApplier.ApplyDirectoryAsync(admin, RepoLayout.Rbac);
            await control.EnableRbacAsync();
            var token = await control.ServiceAccountTokenAsync("kamaji-system", "kubeconfig-generator");
            var kubeconfig = Path.Combine(directory, "controller.kubeconfig");
            await File.WriteAllTextAsync(kubeconfig, sandbox.KubeconfigFor(token));
            return new ChaosWorld(directory, sandbox, kubeconfig);
        }
        catch
        {
            await sandbox.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts a replica (as <c>make run</c> does, plus its own ports and a log file) and waits for /readyz.</summary>
    public async Task<ControllerProcess> StartControllerAsync(bool leaderElect = false, params string[] extra)
    {
        var name = $"controller-{Controllers.Count + 1}";
        var controller = ControllerProcess.Start(name, ControllerKubeconfig, Path.Combine(Directory, name + ".log"), leaderElect, extra);
        Controllers.Add(controller);
        await Poll.UntilAsync(controller.IsReadyAsync, TimeSpan.FromSeconds(60));
        return controller;
    }

    public Task CreateNamespaceAsync(string name, params (string Key, string Value)[] labels) =>
        Admin.CreateAsync("/api/v1/namespaces", Objects.Namespace(name, Objects.Labels(labels)));

    public Task LabelNamespaceAsync(string name, string key, string? value) =>
        Admin.MergePatchAsync($"/api/v1/namespaces/{name}", new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { [key] = value } } });

    public Task CreateTenantAsync(string ns, string name, JsonObject? labels = null, JsonObject? annotations = null, JsonObject? spec = null) =>
        Admin.CreateAsync(Objects.TenantsPath(ns), Objects.TenantControlPlane(ns, name, labels, annotations, spec));

    public Task CreateGeneratorAsync(JsonObject generator) => Admin.CreateAsync(Objects.GeneratorsPath, generator);

    /// <summary>Namespaces with <paramref name="count"/> TCPs each, waited for until Kamaji (the simulator) made them ready.</summary>
    public async Task<List<(string Namespace, string Name)>> CreateTenantsAsync(string[] namespaces, int count)
    {
        var tenants = new List<(string, string)>();
        foreach (var ns in namespaces)
        {
            await CreateNamespaceAsync(ns);
            for (var i = 0; i < count; i++)
            {
                await CreateTenantAsync(ns, $"tcp{i}");
                tenants.Add((ns, $"tcp{i}"));
            }
        }
        if (await Poll.UntilAsync(() => TenantsReadyAsync(tenants), TimeSpan.FromSeconds(120)) is null)
        {
            throw new InvalidOperationException("the Kamaji simulator did not make the tenants ready");
        }
        return tenants;
    }

    public async Task<bool> TenantsReadyAsync(IEnumerable<(string Namespace, string Name)> tenants)
    {
        foreach (var group in tenants.GroupBy(t => t.Namespace))
        {
            var ready = (await Admin.ListAsync(Objects.TenantsPath(group.Key)))
                .Where(t => t["status"]?["kubeconfig"]?["admin"]?["secretName"] is not null && t["status"]?["certificates"]?["ca"]?["secretName"] is not null)
                .Select(ClusterState.Name).ToHashSet();
            if (!group.All(t => ready.Contains(t.Name)))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The cluster-side invariants now.</summary>
    public async Task<List<Violation>> CheckClusterAsync(InvariantChecker.Scope? scope = null) =>
        await Checker.CheckAsync(await ClusterState.ReadAsync(Admin), DateTimeOffset.UtcNow, scope);

    /// <summary>Seconds until the cluster-side invariants hold; null (with the last violations) past the deadline.</summary>
    public async Task<(double? Seconds, List<Violation> Last)> ConvergeAsync(TimeSpan deadline, InvariantChecker.Scope? scope = null)
    {
        var last = new List<Violation>();
        var seconds = await Poll.UntilAsync(async () =>
        {
            last = await CheckClusterAsync(scope);
            return last.Count == 0;
        }, deadline, TimeSpan.FromMilliseconds(400));
        return (seconds, last);
    }

    /// <summary>Every replica that should run is running and ready, and none crashed.</summary>
    public async Task<List<Violation>> CheckControllersAsync()
    {
        var violations = new List<Violation>();
        foreach (var controller in Controllers.Where(c => !Retired.Contains(c)))
        {
            if (controller.Crashes > 0)
            {
                violations.Add(new Violation(controller.Name, $"crashed {controller.Crashes} time(s): {CrashEvidence.From(controller.LogPath)}"));
            }
            if (controller.HasExited)
            {
                violations.Add(new Violation(controller.Name, $"not running (exit code {controller.ExitCode})"));
            }
            else if (await Poll.UntilAsync(controller.IsReadyAsync, TimeSpan.FromSeconds(10)) is null)
            {
                violations.Add(new Violation(controller.Name, "/readyz is not ok"));
            }
        }
        return violations;
    }

    /// <summary>No key material in any replica's log, in Events, in generator status or in metrics.</summary>
    public async Task<List<Violation>> CheckLeaksAsync()
    {
        var ledger = await Control.LedgerAsync();
        var scanner = new KeyLeakScanner(ledger.Keys);
        var violations = new List<Violation>();
        foreach (var controller in Controllers)
        {
            foreach (var what in scanner.Find(await File.ReadAllTextAsync(controller.LogPath)))
            {
                violations.Add(new Violation($"{controller.Name} log", $"contains {what}"));
            }
            if (!controller.HasExited && await controller.ScrapeAsync() is { } metrics)
            {
                violations.AddRange(scanner.Find(metrics).Select(what => new Violation($"{controller.Name} metrics", $"contain {what}")));
            }
        }
        var state = await ClusterState.ReadAsync(Admin);
        foreach (var e in state.Events)
        {
            violations.AddRange(scanner.Find(e.ToJsonString()).Select(what => new Violation($"Event {Expectations.Key(e)}", $"contains {what}")));
        }
        foreach (var g in state.Generators)
        {
            violations.AddRange(scanner.Find(g["status"]?.ToJsonString() ?? "").Select(what => new Violation($"generator {ClusterState.Name(g)} status", $"contains {what}")));
        }
        return violations;
    }

    /// <summary>The controller's write requests (create, update, patch, delete) the sandbox saw after <paramref name="mark"/>.</summary>
    public async Task<List<RequestEntry>> ControllerWritesSinceAsync(long mark) =>
        (await Control.RequestsAsync(mark, writesOnly: true, user: ControllerUser)).Requests;

    public async ValueTask DisposeAsync()
    {
        foreach (var controller in Controllers)
        {
            await controller.DisposeAsync();
        }
        Admin.Dispose();
        await Sandbox.DisposeAsync();
    }
}
