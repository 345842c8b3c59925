using k8s.Models;
using KamajiKubeconfig.Informers;
using KamajiKubeconfig.Sandbox;
using static KamajiKubeconfig.Tests.Informers.Integration.LiveEnvironment;

namespace KamajiKubeconfig.Tests.Informers.Integration;

/// <summary>Scenarios 4–7: expiry, a closed watch, a server restart and failing lists; each ends equal to the server.</summary>
[CancelAfter(30_000)]
public class RecoveryIntegrationTests
{
    private static readonly ObjectKey A = new("it", "a");
    private static readonly ObjectKey B = new("it", "b");
    private static readonly ObjectKey C = new("it", "c");

    [Test]
    public async Task ExpiredResourceVersion_ChangesWhileWatchDown_RelistsWithSyntheticDelete()
    {
        // Four events of history: the changes below push the informer's resourceVersion out of it.
        await using var env = await StartAsync(new SandboxOptions { HistoryCapacity = 4 });
        await env.CreateNamespaceAsync("it");
        await env.CreateSecretAsync("it", "a");
        await env.CreateSecretAsync("it", "b");
        var secrets = env.StartSecrets(LiveInformer<V1Secret>.Options("secrets", minWatchSeconds: 60));
        await secrets.SyncedAsync();

        // Hold the watch down: every new watch of Secrets fails, then the open one is ended.
        env.Sandbox.Faults.FailNext(10_000, 503, verb: "watch", resource: "secrets");
        env.Sandbox.Context.Store.CloseAllWatches();
        await UntilAsync(() => secrets.Count("restarted:Error") >= 1, "a re-watch to fail");

        await env.PatchSecretAsync("it", "a", (Row.StepLabel, "2"));
        await env.DeleteSecretAsync("it", "b");
        await env.CreateSecretAsync("it", "c");
        for (var i = 0; i < 4; i++)
        {
            await env.CreateSecretAsync("it", $"filler-{i}", selected: false);
        }

        Assert.That(
            env.Sandbox.Context.Store.CompactedRevision,
            Is.GreaterThan(long.Parse(secrets.Informer.LastResourceVersion!, System.Globalization.CultureInfo.InvariantCulture)),
            "precondition: the informer's resourceVersion has left the history");
        env.Sandbox.Faults.Clear();

        await UntilAsync(
            () => secrets.Seen.Has(SeenKind.Updated, A, step: "2") && secrets.Seen.Has(SeenKind.Deleted, B) && secrets.Seen.Has(SeenKind.Added, C),
            "the changes made while the watch was down");
        Assert.Multiple(() =>
        {
            Assert.That(secrets.Count("restarted:Expired"), Is.EqualTo(1));
            Assert.That(secrets.Count("relisted"), Is.EqualTo(1));
            Assert.That(env.Requests.Lists, Has.Count.EqualTo(2));
            Assert.That(secrets.Seen.Mentions(new ObjectKey("it", "filler-0")), Is.False);
        });
        await CacheMatchesServerAsync(secrets.Cache, env.ServerSecretsAsync);
    }

    [Test]
    public async Task ServerClosesWatch_ChangesRightAfter_ReWatchesFromLastVersionWithoutRelist()
    {
        await using var env = await StartAsync();
        await env.CreateNamespaceAsync("it");
        await env.CreateSecretAsync("it", "a");
        var secrets = env.StartSecrets(LiveInformer<V1Secret>.Options("secrets", minWatchSeconds: 60));
        await secrets.SyncedAsync();
        var b = await env.CreateSecretAsync("it", "b");
        await UntilAsync(() => secrets.Informer.LastResourceVersion == b.Metadata.ResourceVersion, "b seen");
        Assert.That(env.Requests.Watches, Has.Count.EqualTo(1));

        env.Sandbox.Context.Store.CloseAllWatches();
        await env.PatchSecretAsync("it", "a", (Row.StepLabel, "2"));
        await env.DeleteSecretAsync("it", "b");
        await env.CreateSecretAsync("it", "c");

        await UntilAsync(
            () => secrets.Seen.Has(SeenKind.Updated, A, step: "2") && secrets.Seen.Has(SeenKind.Deleted, B) && secrets.Seen.Has(SeenKind.Added, C),
            "the changes made around the close");
        var watches = env.Requests.Watches;
        Assert.Multiple(() =>
        {
            Assert.That(secrets.Count("restarted:Closed"), Is.EqualTo(1));
            Assert.That(secrets.Count("relisted"), Is.Zero);
            Assert.That(env.Requests.Lists, Has.Count.EqualTo(1));
            Assert.That(watches, Has.Count.EqualTo(2));
            Assert.That(RequestLog.Query(watches[1], "resourceVersion"), Is.EqualTo(b.Metadata.ResourceVersion), "re-watch from the last version seen");
        });
        await CacheMatchesServerAsync(secrets.Cache, env.ServerSecretsAsync);
    }

    [Test]
    public async Task SandboxRestart_StateKept_ReconnectsWithBackoffAndConverges()
    {
        await using var env = await StartAsync();
        await env.CreateNamespaceAsync("it");
        await env.CreateSecretAsync("it", "a");
        await env.CreateSecretAsync("it", "b");
        var secrets = env.StartSecrets();
        await secrets.SyncedAsync();

        await env.Sandbox.RestartAsync(TimeSpan.FromSeconds(1));
        await env.PatchSecretAsync("it", "a", (Row.StepLabel, "2"));
        await env.DeleteSecretAsync("it", "b");
        await env.CreateSecretAsync("it", "c");

        await UntilAsync(
            () => secrets.Seen.Has(SeenKind.Updated, A, step: "2") && secrets.Seen.Has(SeenKind.Deleted, B) && secrets.Seen.Has(SeenKind.Added, C),
            "the changes made right after the restart");
        Assert.Multiple(() =>
        {
            Assert.That(secrets.Count("restarted:Transport"), Is.GreaterThanOrEqualTo(1), string.Join(", ", secrets.Metrics.Calls));

            // Backoff, not a hot loop: a few dozen attempts at most over the downtime (50 ms doubling to 0.5 s).
            Assert.That(env.Requests.Watches, Has.Count.LessThan(30));

            // The history survived the restart, so the watch resumed from its version: no relist was needed.
            Assert.That(env.Requests.Lists, Has.Count.EqualTo(1));
        });
        await CacheMatchesServerAsync(secrets.Cache, env.ServerSecretsAsync);
    }

    // 429 has its own test: it waits for Retry-After (ThrottlingIntegrationTests).
    [TestCase(500)]
    [TestCase(503)]
    public async Task ListFailures_InjectedStatus_BackOffThenSync(int status)
    {
        await using var env = await StartAsync();
        await env.CreateNamespaceAsync("it");
        await env.CreateSecretAsync("it", "a");
        env.Sandbox.Faults.FailNext(3, status, verb: "list", resource: "secrets");

        var secrets = env.StartSecrets();
        await secrets.SyncedAsync();
        await env.CreateSecretAsync("it", "c");
        await UntilAsync(() => secrets.Seen.Has(SeenKind.Added, C), "c added after recovery");

        // Delay n is at least 50 ms · 2ⁿ (jitter only lengthens it); allow a little for clock granularity.
        var times = env.Requests.ListTimes;
        Assert.Multiple(() =>
        {
            Assert.That(secrets.Count("restarted:Error"), Is.EqualTo(3));
            Assert.That(times, Has.Count.EqualTo(4));
            Assert.That(times[1] - times[0], Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(45)));
            Assert.That(times[2] - times[1], Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(95)));
            Assert.That(times[3] - times[2], Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(195)));
        });
        await CacheMatchesServerAsync(secrets.Cache, env.ServerSecretsAsync);
    }
}
