using System.Diagnostics;
using System.Net;
using System.Text;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace KamajiKubeconfig.Sandbox.Tests.Conformance;

/// <summary>Fault injection, in-process and over /sandbox/faults: failures, latency, compaction, restarts.</summary>
[Parallelizable(ParallelScope.All)]
public sealed class FaultTests
{
    // Faults: the next N matching requests fail with the code; 429 carries Retry-After.
    [Test]
    public async Task FailNext_MatchingRequests_FailThenRecover()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var client = SandboxFixture.Client(server);
        server.Faults.FailNext(2, 429, verb: "list", resource: "secrets", retryAfterSeconds: 3);
        var error = Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ListNamespacedSecretAsync("default"));
        Assert.Multiple(() =>
        {
            Assert.That((int)error!.Response.StatusCode, Is.EqualTo(429));
            Assert.That(error.Response.Headers["Retry-After"].Single(), Is.EqualTo("3"));
        });
        await client.CoreV1.ListNamespaceAsync();
        await ApiAssert.FailsAsync(() => client.CoreV1.ListNamespacedSecretAsync("default"), 429, "TooManyRequests");
        await client.CoreV1.ListNamespacedSecretAsync("default");
        server.Faults.FailNext(1, 503);
        await ApiAssert.FailsAsync(() => client.CoreV1.ListNamespaceAsync(), 503, "ServiceUnavailable");
        server.Faults.FailNext(1, 409, verb: "update");
        await ApiAssert.FailsAsync(() => client.CoreV1.ReplaceNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "default" } }, "default"), 409, "Conflict");
    }

    // Faults over HTTP: admin-only endpoint; latency is added to every request.
    [Test]
    public async Task AdminEndpoint_AddsLatency_AndRefusesOthers()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var admin = BadRequestTests.RawClient(server, server.AdminToken);
        using var response = await admin.PostAsync("/sandbox/faults", new StringContent("""{"action":"latency","milliseconds":300}""", Encoding.UTF8, "application/json"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var clock = Stopwatch.StartNew();
        using (await admin.GetAsync("/api/v1/namespaces"))
        {
            Assert.That(clock.Elapsed, Is.GreaterThan(TimeSpan.FromMilliseconds(280)));
        }
        using var user = BadRequestTests.RawClient(server, server.AddUser("mallory"));
        using var refused = await user.PostAsync("/sandbox/faults", new StringContent("""{"action":"clear"}""", Encoding.UTF8, "application/json"));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    // Faults: compaction expires every earlier resourceVersion (410 on watch from it).
    [Test]
    public async Task Compact_ExpiresEarlierResourceVersions()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var client = SandboxFixture.Client(server);
        var list = await client.CoreV1.ListNamespaceAsync();
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "after" } });
        server.Context.Store.Compact();
        Exception? error = null;
        await foreach (var _ in client.CoreV1.WatchListNamespaceAsync(resourceVersion: list.Metadata.ResourceVersion, onError: e => error = e))
        {
        }
        Assert.That(((KubernetesException)error!).Status.Code, Is.EqualTo(410));
    }

    // Faults: a restart refuses connections for a while, ends watches and keeps all state.
    [Test]
    public async Task Restart_KeepsState_AndRefusesConnectionsMeanwhile()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var client = SandboxFixture.Client(server);
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "kept" } });
        var restart = server.RestartAsync(TimeSpan.FromMilliseconds(800));
        await SandboxFixture.EventuallyAsync(async () =>
        {
            try
            {
                using var raw = BadRequestTests.RawClient(server, server.AdminToken);
                using var _ = await raw.GetAsync("/version");
                return false;
            }
            catch (HttpRequestException)
            {
                return true;
            }
        }, "connections refused during the restart");
        await restart;
        var kept = await client.CoreV1.ReadNamespaceAsync("kept");
        Assert.That(kept.Metadata.Name, Is.EqualTo("kept"));
    }
}
