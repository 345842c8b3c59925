using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using KamajiKubeconfig.Tests.EndToEnd;
using KamajiKubeconfig.Tests.Tools;

namespace KamajiKubeconfig.Tests.Benchmarks.Smoke;

/// <summary>
/// `make bench` kept working: the benchmark program runs at N = 50 (every scenario, real controller process, real
/// sandbox) and its JSON must be complete and consistent. The figures themselves are not judged here, except the
/// ones that must hold at any size: a converged controller writes nothing when idle or restarted.
/// </summary>
public partial class BenchSmokeTests
{
    private static readonly string[] Scenarios = ["convergence", "steady_event_cost", "new_tenant_latency", "restart", "memory", "api"];

    [Test]
    public async Task Bench_SmokePlan_WritesCompleteWellFormedResults()
    {
        using var files = new TempDirectory();
        var output = files.File("results.json");
        var run = await ExternalTool.RunAsync("dotnet", [BenchDll, "--smoke", "--out", output, "--logs", files.File("logs")], timeout: TimeSpan.FromMinutes(4));
        Assert.That(run.ExitCode, Is.Zero, $"the benchmark failed:\n{run.Output}");

        using var document = JsonDocument.Parse(File.ReadAllText(output));
        var root = document.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("schema").GetString(), Is.EqualTo("kubeconfig-generator-bench/1"));
            Assert.That(root.GetProperty("machine").GetProperty("cores").GetInt32(), Is.EqualTo(Environment.ProcessorCount));
            Assert.That(root.GetProperty("git").GetProperty("commit").GetString(), Does.Match(CommitPattern()));
            Assert.That(root.GetProperty("settings").GetProperty("large_tenants").GetInt32(), Is.EqualTo(50));
            Assert.That(root.GetProperty("scenarios").EnumerateObject().Select(p => p.Name), Is.EquivalentTo(Scenarios));
        });
        var scenarios = root.GetProperty("scenarios");
        Assert.Multiple(() =>
        {
            Assert.That(scenarios.GetProperty("convergence").EnumerateObject().Select(p => p.Name),
                Is.EquivalentTo(new[] { "ecdsa_p256_n10", "rsa_2048_n10", "ecdsa_p256_n50" }));
            foreach (var convergence in scenarios.GetProperty("convergence").EnumerateObject())
            {
                var c = convergence.Value;
                Assert.That(c.GetProperty("converged").GetBoolean(), Is.True, convergence.Name);
                Assert.That(c.GetProperty("certificates_issued").GetDouble(), Is.EqualTo(c.GetProperty("tenants").GetDouble()), convergence.Name);
                Assert.That(c.GetProperty("floor_cpu_s").GetDouble(), Is.GreaterThan(0), convergence.Name);
                Assert.That(c.GetProperty("controller_cpu_over_floor").ValueKind, Is.EqualTo(JsonValueKind.Number), convergence.Name);
            }
            // Every kubeconfig is at least one create the sandbox counted.
            foreach (var writes in scenarios.GetProperty("api").GetProperty("convergence").EnumerateObject())
            {
                Assert.That(writes.Value.GetProperty("writes_per_kubeconfig").GetDouble(), Is.GreaterThanOrEqualTo(1), writes.Name);
            }
            foreach (var idle in scenarios.GetProperty("api").GetProperty("idle").EnumerateObject())
            {
                Assert.That(idle.Value.GetProperty("writes").GetInt64(), Is.Zero, $"writes while idle at {idle.Name}");
            }
            Assert.That(scenarios.GetProperty("restart").GetProperty("writes").GetInt64(), Is.Zero, "writes after a restart");
            Assert.That(scenarios.GetProperty("memory").EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "n0", "n10", "n50" }));
            Assert.That(scenarios.GetProperty("new_tenant_latency").EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "ecdsa_p256_n50", "rsa_2048_n50" }));
            // Undefined (null) only when the events at the large level cost nothing measurable: one event over 50 tenants
            // can cost less than a CPU tick.
            var steady = scenarios.GetProperty("steady_event_cost");
            Assert.That(steady.GetProperty("naive_pass_over_event").ValueKind == JsonValueKind.Number
                || steady.GetProperty("levels").GetProperty("n50").GetProperty("matters_controller_cpu_ms_per_event").GetDouble() == 0, Is.True, "naive_pass_over_event");
        });

        // Each target names the figure it judges by its path in this document, and quotes it faithfully.
        var targets = root.GetProperty("targets").EnumerateArray().ToList();
        Assert.That(targets, Has.Count.EqualTo(11));
        Assert.Multiple(() =>
        {
            foreach (var target in targets)
            {
                var path = target.GetProperty("path").GetString()!;
                var figure = path.Split('.').Aggregate(root, (element, name) => element.GetProperty(name));
                // A ratio over a figure that rounded to zero in this tiny run (one event of 10 tenants can cost less than
                // a CPU tick) is undefined: null in both places, and then not judged.
                Assert.That(Number(target.GetProperty("value")), Is.EqualTo(Number(figure)), path);
                Assert.That(target.GetProperty("met").ValueKind,
                    figure.ValueKind == JsonValueKind.Null ? Is.EqualTo(JsonValueKind.Null) : Is.AnyOf(JsonValueKind.True, JsonValueKind.False), path);
            }
        });
    }

    private static double? Number(JsonElement element) => element.ValueKind == JsonValueKind.Null ? null : element.GetDouble();

    private static string BenchDll
    {
        get
        {
            var configuration = typeof(BenchSmokeTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            return Path.Combine(RepoPaths.Root, "Tests", "Benchmarks", "bin", configuration, "net10.0", "KamajiKubeconfig.Benchmarks.dll");
        }
    }

    [GeneratedRegex("^[0-9a-f]{40}$")]
    private static partial Regex CommitPattern();
}
