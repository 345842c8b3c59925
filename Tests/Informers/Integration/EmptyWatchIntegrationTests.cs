using k8s.Models;
using KamajiKubeconfig.Informers;
using KamajiKubeconfig.Sandbox;
using static KamajiKubeconfig.Tests.Informers.Integration.LiveEnvironment;

namespace KamajiKubeconfig.Tests.Informers.Integration;

/// <summary>
/// A real API server sends no bookmark when a watch starts (the sandbox does by default, B5), so a quiet watch
/// sends no line at all until its timeout, and the C# client then throws instead of ending (B13-2). The informer
/// must take that as a clean end and keep watching from the same version.
/// </summary>
[CancelAfter(30_000)]
public class EmptyWatchIntegrationTests
{
    [Test]
    public async Task QuietWatch_ServerWithoutPromptBookmark_EndsCleanlyAndReWatchesWithoutRelist()
    {
        await using var env = await StartAsync(new SandboxOptions { PromptFirstBookmark = false });
        await env.CreateNamespaceAsync("it");
        var secrets = env.StartSecrets(LiveInformer<V1Secret>.Options("secrets", minWatchSeconds: 1));
        await secrets.SyncedAsync();
        var listVersion = secrets.Informer.LastResourceVersion;

        // Each empty watch lasts its one-second timeout; three of them have ended once a fourth has started.
        await UntilAsync(() => env.Requests.Watches.Count >= 4, "three empty watches to end");
        Assert.Multiple(() =>
        {
            Assert.That(secrets.Metrics.Calls, Is.All.EqualTo("restarted:Closed"), "an empty watch is not a failure");
            Assert.That(env.Requests.Lists, Has.Count.EqualTo(1));
            Assert.That(env.Requests.Watches.Select(w => RequestLog.Query(w, "resourceVersion")), Is.All.EqualTo(listVersion));
        });

        await env.CreateSecretAsync("it", "a");
        await UntilAsync(() => secrets.Seen.Has(SeenKind.Added, new ObjectKey("it", "a")), "a added");
        await CacheMatchesServerAsync(secrets.Cache, env.ServerSecretsAsync);
    }

    [Test]
    public async Task HalfOpenWatch_NothingArrivesAfterFirstLine_WatchdogRestartsAndResumesWithoutRelist()
    {
        await using var env = await StartAsync();
        await env.CreateNamespaceAsync("it");
        env.HalfOpen.ArmNextWatch();

        // Watch timeout 1 s plus the 2 s idle margin: the watchdog gives up on the silent watch after 3 s.
        var secrets = env.StartSecrets(LiveInformer<V1Secret>.Options("secrets", minWatchSeconds: 1));
        await secrets.SyncedAsync();
        // Only once the watch has gone silent: created earlier, the Secret could arrive as that watch's first line.
        await env.HalfOpen.Silenced.WaitAsync(TimeSpan.FromSeconds(30));
        await env.CreateSecretAsync("it", "a");

        await UntilAsync(() => secrets.Seen.Has(SeenKind.Added, new ObjectKey("it", "a")), "a added once the watchdog restarted the watch");
        var watches = env.Requests.Watches;
        Assert.Multiple(() =>
        {
            Assert.That(secrets.Count("restarted:Idle"), Is.EqualTo(1), string.Join(", ", secrets.Metrics.Calls));
            Assert.That(env.Requests.Lists, Has.Count.EqualTo(1));
            Assert.That(RequestLog.Query(watches[1], "resourceVersion"), Is.EqualTo(RequestLog.Query(watches[0], "resourceVersion")));
        });
        await CacheMatchesServerAsync(secrets.Cache, env.ServerSecretsAsync);
    }
}
