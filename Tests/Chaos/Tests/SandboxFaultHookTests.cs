using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using KamajiKubeconfig.Chaos.Infrastructure;

namespace KamajiKubeconfig.Chaos.Tests;

/// <summary>
/// The sandbox hooks the chaos suite relies on (Tests/Sandbox/Faults), over the sandbox process's admin endpoint: rules
/// aimed at one user and one subresource, hung requests, 410 windows, the request log, the Secret ledger, the clock.
/// </summary>
[Parallelizable(ParallelScope.Self)]
public sealed class SandboxFaultHookTests
{
    private ChaosWorld _world = null!;
    private ApiClient _controller = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _world = await ChaosWorld.StartAsync(RepoLayout.OutputDirectory("test-sandbox-hooks"));
        _controller = _world.Sandbox.Client(await _world.Control.ServiceAccountTokenAsync("kamaji-system", "kubeconfig-generator"));
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _controller.Dispose();
        await _world.DisposeAsync();
    }

    [Test]
    public async Task Rule_ForOneUserAndSubresource_OnlyThoseFailAndAreLogged()
    {
        var mark = await _world.Control.LastRequestAsync();
        await _world.Control.RuleAsync(409, verb: "list", resource: "secrets", user: ChaosWorld.ControllerUser, count: 1);
        var (adminCode, _) = await _world.Admin.SendAsync(HttpMethod.Get, "/api/v1/secrets", null, null);
        var (first, _) = await _controller.SendAsync(HttpMethod.Get, "/api/v1/secrets", null, null);
        var (second, _) = await _controller.SendAsync(HttpMethod.Get, "/api/v1/secrets", null, null);
        var log = (await _world.Control.RequestsAsync(mark, writesOnly: false, user: ChaosWorld.ControllerUser)).Requests;
        Assert.Multiple(() =>
        {
            Assert.That(adminCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(first, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(second, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(log.Select(r => r.Injected), Is.EqualTo(new int?[] { 409, null }));
        });
    }

    [Test]
    public async Task Hang_ClientGivesUp_RequestHeldUntilThen()
    {
        await _world.Control.RuleAsync(504, verb: "get", resource: "secrets", user: ChaosWorld.ControllerUser, count: 1, hangSeconds: 60);
        using var impatient = _world.Sandbox.Client(await _world.Control.ServiceAccountTokenAsync("kamaji-system", "kubeconfig-generator"), TimeSpan.FromSeconds(2));
        var clock = Stopwatch.StartNew();
        Assert.ThrowsAsync<TaskCanceledException>(() => impatient.SendAsync(HttpMethod.Get, "/api/v1/namespaces/default/secrets/any", null, null));
        Assert.That(clock.Elapsed, Is.GreaterThan(TimeSpan.FromSeconds(1.5)));
    }

    [Test]
    public async Task Expire_Window_ListFromVersionGets410ConsistentListServed()
    {
        await _world.Control.ExpireAsync(TimeSpan.FromSeconds(5), ChaosWorld.ControllerUser);
        var (fromVersion, body) = await _controller.SendAsync(HttpMethod.Get, "/api/v1/namespaces?resourceVersion=1", null, null);
        var (consistent, _) = await _controller.SendAsync(HttpMethod.Get, "/api/v1/namespaces", null, null);
        Assert.Multiple(() =>
        {
            Assert.That(fromVersion, Is.EqualTo(HttpStatusCode.Gone));
            Assert.That(body?["reason"]?.ToString(), Is.EqualTo("Expired"));
            Assert.That(consistent, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task Ledger_GeneratedSecretRewritten_CertificatesCountedAndKeysKept()
    {
        await _world.CreateNamespaceAsync("ledger");
        JsonObject Secret(string certificate) => Objects.Secret("ledger", "x-gen", new JsonObject
        {
            ["value"] = Objects.B64($"users:\n- user:\n    client-certificate-data: {certificate}\n    client-key-data: {Objects.B64("-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n")}\n"),
        }, labels: Objects.Labels(("kamaji.clastix.io/managed-by", "gen")));
        await _world.Admin.CreateAsync(Objects.SecretsPath("ledger"), Secret("QUFB"));
        await _world.Admin.ReplaceAsync(Objects.Secret("ledger", "x-gen"), Secret("QkJC"));
        var ledger = await _world.Control.LedgerAsync();
        Assert.Multiple(() =>
        {
            Assert.That(ledger.Certificates["ledger/x-gen"], Has.Count.EqualTo(2));
            Assert.That(ledger.Keys, Has.Some.Contains("BEGIN EC PRIVATE KEY"));
        });
    }

    [Test]
    public async Task Clock_Offset_TimestampsShifted()
    {
        await _world.Control.ClockAsync(TimeSpan.FromMinutes(10));
        try
        {
            var created = await _world.Admin.CreateAsync("/api/v1/namespaces", Objects.Namespace("skewed"));
            var stamp = DateTimeOffset.Parse(created["metadata"]!["creationTimestamp"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.That(stamp - DateTimeOffset.UtcNow, Is.GreaterThan(TimeSpan.FromMinutes(9)).And.LessThan(TimeSpan.FromMinutes(11)));
        }
        finally
        {
            await _world.Control.ClockAsync(TimeSpan.Zero);
        }
    }
}
