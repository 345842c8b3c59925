using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox;
using KamajiKubeconfig.Sandbox.Json;
using KamajiKubeconfig.Tests.EndToEnd;
using KamajiKubeconfig.Tests.Tools;

namespace KamajiKubeconfig.Tests.Benchmarks;

/// <summary>
/// `make bench`: the shipped controller process against a sandbox holding thousands of Kamaji tenants — how long it
/// takes to sync its caches and to issue every kubeconfig, how much CPU that costs, its peak and idle memory, and
/// what a full resync pass costs once everything is valid. The process runs under the memory limit of the shipped
/// Deployment (its heap capped as in the container) and fails if it would have been OOM-killed, so the manifest's
/// requests and limits are sized from these numbers (README, "Performance"). Explicit: minutes of CPU, never part
/// of `make test`.
/// </summary>
[Explicit("benchmark: run with make bench")]
[Category("Benchmark")]
public class ControllerScaleBenchmarks
{
    private const string NamespaceLabel = "bench";
    private static readonly TimeSpan ResyncPeriod = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(65);

    // Kamaji's default client key is RSA-2048; its generation dominates the CPU of a first issuance, so the large
    // case uses ECDSA to measure the controller itself and the RSA case gives the per-key cost to extrapolate.
    [TestCase(0, "ECDSA-P256")]
    [TestCase(1_000, "ECDSA-P256")]
    [TestCase(1_000, "RSA-2048")]
    [TestCase(10_000, "ECDSA-P256")]
    public async Task ControllerProcess_IssuesAndIdlesAtScale(int tenants, string keyAlgorithm)
    {
        using var files = new TempDirectory();
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions
        {
            CrdPaths = [RepoPaths.Crds],
            HistoryCapacity = (4 * tenants) + 10_000,
        });
        var seeding = await SeedTenantsAsync(sandbox, tenants);
        var kubeconfig = sandbox.WriteKubeconfig(files.File("admin.kubeconfig"));
        var generators = sandbox.Context.Registry.Find("kamaji.clastix.io", "v1alpha1", "kubeconfiggenerators")!;

        var limit = DeploymentMemoryLimit();
        var started = Stopwatch.GetTimestamp();
        await using var controller = ControllerProcess.Start(kubeconfig, files.File("controller.log"), FreePort(), FreePort(), limit,
            $"--cache-resync-period={ResyncPeriod.TotalSeconds}s");
        await WaitAsync(controller.IsReadyAsync, TimeSpan.FromMinutes(2), "the controller to become ready", files);
        var syncedAfter = Stopwatch.GetElapsedTime(started);
        var atSync = controller.Stats();

        new ManifestLoader(sandbox.Context).LoadObject(Generator(keyAlgorithm));
        var issuing = Stopwatch.GetTimestamp();
        await WaitAsync(() => Task.FromResult(Available(sandbox, generators.StorageKey) == tenants), TimeSpan.FromMinutes(30),
            $"{tenants} available kubeconfigs", files);
        var issuedAfter = Stopwatch.GetElapsedTime(issuing);
        var atConverged = controller.Stats();
        var heapAtConverged = new Scrape(await controller.ScrapeAsync()).Sum(HeapSize) / Mi;

        // The Secrets just written come back as watch events and trigger one more pass, which inspects every new
        // Secret once (their resourceVersions are new to the memo); let it finish so the idle window is steady state.
        var settling = Stopwatch.GetTimestamp();
        await WaitAsync(async () => await IdleAsync(controller), TimeSpan.FromMinutes(10), "the work queue to drain", files);
        var settledAfter = Stopwatch.GetElapsedTime(settling);
        var settled = controller.Stats();

        var before = new Scrape(await controller.ScrapeAsync());
        await Task.Delay(IdleWindow);
        var after = new Scrape(await controller.ScrapeAsync());
        var passes = after.Sum(PassCount) - before.Sum(PassCount);
        var passSeconds = after.Sum(PassSeconds) - before.Sum(PassSeconds);
        var idle = controller.Stats();
        var idleCpu = idle.CpuSeconds - settled.CpuSeconds;
        var heapIdle = after.Sum(HeapSize) / Mi;
        var stoppedIn = await controller.TerminateAsync(TimeSpan.FromSeconds(30));

        Assert.That(ManagedSecrets(sandbox), Is.EqualTo(tenants), "one Secret per tenant");
        Assert.That(idle.PeakRssMiB, Is.LessThan(limit / Mi), "peak RSS within the Deployment's memory limit (else the pod is OOM-killed)");
        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            controller at scale: {tenants} tenants, {keyAlgorithm} client keys, memory limit {limit / Mi:F0} MiB (sandbox seeded {tenants} TCPs + {2 * tenants} Kamaji Secrets in {seeding.TotalSeconds:F1} s)
              caches synced (ready) in {syncedAfter.TotalSeconds:F1} s: RSS {atSync.RssMiB:F0} MiB (anonymous {atSync.AnonymousMiB:F0} MiB), CPU {atSync.CpuSeconds:F1} s
              all {tenants} kubeconfigs issued in {issuedAfter.TotalSeconds:F1} s: CPU {atConverged.CpuSeconds - atSync.CpuSeconds:F1} s ({PerTenant(atConverged.CpuSeconds - atSync.CpuSeconds, tenants)} per tenant), peak RSS {atConverged.PeakRssMiB:F0} MiB, GC heap {heapAtConverged:F0} MiB
              first pass over the new Secrets settled in {settledAfter.TotalSeconds:F1} s: CPU {settled.CpuSeconds - atConverged.CpuSeconds:F1} s
              idle {IdleWindow.TotalSeconds:F0} s with resync every {ResyncPeriod.TotalSeconds:F0} s: {passes} passes, mean {passSeconds * 1000 / Math.Max(1, passes):F0} ms, {after.Sum(Writes) - before.Sum(Writes)} writes, CPU {idleCpu:F1} s ({idleCpu * 1000 / IdleWindow.TotalSeconds:F0} millicores), RSS {idle.RssMiB:F0} MiB (anonymous {idle.AnonymousMiB:F0} MiB), GC heap {heapIdle:F0} MiB (committed {after.Sum("dotnet_gc_committed_bytes") / Mi:F0} MiB), peak RSS overall {idle.PeakRssMiB:F0} MiB
              SIGTERM to exit: {stoppedIn.TotalMilliseconds:F0} ms
            """));
    }

    private static async Task<TimeSpan> SeedTenantsAsync(SandboxServer sandbox, int tenants)
    {
        var started = Stopwatch.GetTimestamp();
        var reconciled = 0;
        sandbox.Kamaji.UseEcdsa = true;
        sandbox.Kamaji.ServeTenantEndpoints = false; // thousands of loopback listeners would measure the sandbox, not us
        sandbox.Kamaji.Reconciled += (_, _) => Interlocked.Increment(ref reconciled);
        sandbox.Kamaji.Enabled = true;
        var loader = new ManifestLoader(sandbox.Context);
        var namespaces = Math.Max(1, tenants / 100);
        for (var n = 0; n < namespaces; n++)
        {
            loader.LoadObject(new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Namespace",
                ["metadata"] = new JsonObject { ["name"] = Ns(n), ["labels"] = new JsonObject { [NamespaceLabel] = "scale" } },
            });
        }
        for (var i = 0; i < tenants; i++)
        {
            loader.LoadObject(Tenant(Ns(i % namespaces), $"tcp-{i}"));
        }
        var deadline = Stopwatch.GetTimestamp() + (long)(Stopwatch.Frequency * TimeSpan.FromMinutes(10).TotalSeconds);
        while (Volatile.Read(ref reconciled) < tenants && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(200);
        }
        Assert.That(Volatile.Read(ref reconciled), Is.GreaterThanOrEqualTo(tenants), $"simulator finished ({sandbox.Kamaji.LastError?.Message})");
        return Stopwatch.GetElapsedTime(started);
    }

    private static string PerTenant(double cpuSeconds, int tenants) =>
        tenants == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{cpuSeconds * 1000 / tenants:F1} ms");

    private static string Ns(int n) => $"scale-{n:D3}";

    private static JsonObject Tenant(string ns, string name) => new()
    {
        ["apiVersion"] = "kamaji.clastix.io/v1alpha1",
        ["kind"] = "TenantControlPlane",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["spec"] = new JsonObject
        {
            ["kubernetes"] = new JsonObject { ["version"] = "v1.32.0" },
            ["networkProfile"] = new JsonObject { ["port"] = 6443 },
        },
    };

    private static JsonObject Generator(string keyAlgorithm) => (JsonObject)JsonNode.Parse(YamlJson.Read($"""
        apiVersion: kamaji.clastix.io/v1alpha1
        kind: KubeconfigGenerator
        metadata:
          name: scale
        spec:
          namespaceSelector:
            matchLabels:
              {NamespaceLabel}: scale
          user:
            fromDefinition: metadata.name
          groups:
            - stringValue: tenant-admins
            - fromDefinition: metadata.namespace
          controlPlaneEndpointFrom: admin.conf
          certificate:
            privateKey:
              algorithm: {keyAlgorithm}
        """).GetRawText())!;

    /// <summary>Nothing queued and no worker busy, twice a second apart (a pass may requeue its generator).</summary>
    private static async Task<bool> IdleAsync(ControllerProcess controller)
    {
        for (var probe = 0; probe < 2; probe++)
        {
            var scrape = new Scrape(await controller.ScrapeAsync());
            if (scrape.Sum("workqueue_depth") > 0 || scrape.Sum("controller_runtime_active_workers") > 0)
            {
                return false;
            }
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        return true;
    }

    private static long Available(SandboxServer sandbox, string storageKey) =>
        sandbox.Context.Store.Get(storageKey, "", "scale")?.Object["status"]?["availableResources"]?.GetValue<long>() ?? 0;

    private static int ManagedSecrets(SandboxServer sandbox) =>
        sandbox.Context.Store.List("/secrets", null).Items
            .Count(s => s.Object.GetString("metadata", "labels", "kamaji.clastix.io/managed-by") == "scale");

    private static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, TempDirectory files)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(Stopwatch.Frequency * timeout.TotalSeconds);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (await condition())
            {
                return;
            }
            await Task.Delay(100);
        }
        var log = File.ReadLines(files.File("controller.log")).TakeLast(20);
        Assert.Fail($"timed out waiting for {what}; controller log tail:\n{string.Join('\n', log)}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private const string PassCount = "controller_runtime_reconcile_time_seconds_count";
    private const string PassSeconds = "controller_runtime_reconcile_time_seconds_sum";
    private const string Writes = "kubeconfig_generator_apply_requests_total";
    private const string HeapSize = "dotnet_gc_heap_size_bytes";
    private const double Mi = 1024 * 1024;

    /// <summary>limits.memory of the shipped Deployment, in bytes ("512Mi"); BENCH_MEMORY_LIMIT_MI tries another.</summary>
    private static long DeploymentMemoryLimit()
    {
        if (Environment.GetEnvironmentVariable("BENCH_MEMORY_LIMIT_MI") is { Length: > 0 } tried)
        {
            return long.Parse(tried, CultureInfo.InvariantCulture) * 1024 * 1024;
        }
        var deployment = YamlJson.ReadFile(Path.Combine(RepoPaths.Root, "manifests", "deploy", "deployment.yaml"));
        var quantity = deployment.GetProperty("spec").GetProperty("template").GetProperty("spec").GetProperty("containers")[0]
            .GetProperty("resources").GetProperty("limits").GetProperty("memory").GetString()!;
        Assert.That(quantity, Does.EndWith("Mi"), "the benchmark reads limits.memory in Mi");
        return long.Parse(quantity[..^2], CultureInfo.InvariantCulture) * 1024 * 1024;
    }

    /// <summary>One scrape of the Prometheus text; sums a metric over all its label sets.</summary>
    private sealed class Scrape(string text)
    {
        private readonly string[] _lines = text.Split('\n');

        public double Sum(string name) => _lines
            .Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }
}
