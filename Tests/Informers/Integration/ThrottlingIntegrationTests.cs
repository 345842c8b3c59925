using k8s.Models;
using KamajiKubeconfig.Informers;
using static KamajiKubeconfig.Tests.Informers.Integration.LiveEnvironment;

namespace KamajiKubeconfig.Tests.Informers.Integration;

/// <summary>
/// 429 with Retry-After from the sandbox's fault injection (it sends the header and details.retryAfterSeconds): the
/// informer waits the longer of its backoff and Retry-After, capped at the backoff's cap. The backoff here starts at
/// 50 ms, so a gap of about a second can only come from the header.
/// </summary>
[CancelAfter(30_000)]
public class ThrottlingIntegrationTests
{
    private static readonly ObjectKey B = new("it", "b");
    private static readonly ObjectKey C = new("it", "c");

    // Retry-After is rounded to whole seconds on the wire; allow a little for clock granularity.
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(50);

    private static InformerOptions Options() => LiveInformer<V1Secret>.Options("secrets", minWatchSeconds: 60) with
    {
        Backoff = new BackoffOptions(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(2), 2.0, 0.5, TimeSpan.FromSeconds(5)),
    };

    [Test]
    public async Task ListAnswers429_WaitsRetryAfterThenSyncs()
    {
        await using var env = await StartAsync();
        await env.CreateNamespaceAsync("it");
        await env.CreateSecretAsync("it", "a");
        env.Sandbox.Faults.FailNext(1, 429, verb: "list", resource: "secrets", retryAfterSeconds: 1);

        var secrets = env.StartSecrets(Options());
        await secrets.SyncedAsync();

        var times = env.Requests.ListTimes;
        Assert.Multiple(() =>
        {
            Assert.That(secrets.Count("restarted:TooManyRequests"), Is.EqualTo(1));
            Assert.That(secrets.Log.Lines, Has.One.Contains("throttled by the API server (429, Retry-After 00:00:01)"));
            Assert.That(times, Has.Count.EqualTo(2));
            Assert.That(times[1] - times[0], Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1) - Slack));
        });
        await CacheMatchesServerAsync(secrets.Cache, env.ServerSecretsAsync);
    }

    [Test]
    public async Task WatchAnswers429_WaitsRetryAfterAndReWatchesWithoutRelist()
    {
        await using var env = await StartAsync();
        await env.CreateNamespaceAsync("it");
        await env.CreateSecretAsync("it", "a");
        var secrets = env.StartSecrets(Options());
        await secrets.SyncedAsync();
        await env.CreateSecretAsync("it", "b");
        await UntilAsync(() => secrets.Seen.Has(SeenKind.Added, B), "b seen, so the first watch is open");

        // The open watch ends cleanly; the re-watch it triggers at once is throttled.
        env.Sandbox.Faults.FailNext(1, 429, verb: "watch", resource: "secrets", retryAfterSeconds: 1);
        env.Sandbox.Context.Store.CloseAllWatches();
        await UntilAsync(() => env.Requests.Watches.Count >= 3, "a watch after the throttled one");
        await env.CreateSecretAsync("it", "c");
        await UntilAsync(() => secrets.Seen.Has(SeenKind.Added, C), "c seen by the new watch");

        var times = env.Requests.WatchTimes;
        Assert.Multiple(() =>
        {
            Assert.That(secrets.Count("restarted:TooManyRequests"), Is.EqualTo(1));
            Assert.That(times[2] - times[1], Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1) - Slack));
            Assert.That(env.Requests.Lists, Has.Count.EqualTo(1), "a 429 is no reason to relist");
        });
    }

    [Test]
    public async Task ListAnswers429WithHostileRetryAfter_WaitsOnlyTheBackoffCap()
    {
        await using var env = await StartAsync();
        await env.CreateNamespaceAsync("it");
        await env.CreateSecretAsync("it", "a");
        env.Sandbox.Faults.FailNext(1, 429, verb: "list", resource: "secrets", retryAfterSeconds: 3600);

        var secrets = env.StartSecrets(Options());
        await secrets.SyncedAsync();

        // Capped at the backoff's 2 s cap, not an hour; the test's own budget (30 s) would catch anything longer.
        var times = env.Requests.ListTimes;
        Assert.That(times[1] - times[0], Is.InRange(TimeSpan.FromSeconds(2) - Slack, TimeSpan.FromSeconds(10)));
    }
}
