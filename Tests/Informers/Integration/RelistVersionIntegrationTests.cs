using System.Globalization;
using k8s.Models;
using KamajiKubeconfig.Informers;
using KamajiKubeconfig.Sandbox;
using static KamajiKubeconfig.Tests.Informers.Integration.LiveEnvironment;

namespace KamajiKubeconfig.Tests.Informers.Integration;

/// <summary>
/// Which resourceVersion the informer's lists carry on the wire, and what the sandbox answers for each. The sandbox
/// serves A4 like a real server: a list at N with a limit (and no resourceVersionMatch) is Exact, the state as it was
/// at N, with 410 once N has left its history and 504 ResourceVersionTooLarge past its revision; so a relist at the
/// last synced version never hands back data older than the informer saw, and never a mix of versions. Not
/// emulated: a watch from a future version just waits instead of answering 504, so the informer's "too large" path
/// (relist at the last synced version) is covered by InformerRelistVersionTests only.
/// </summary>
[CancelAfter(30_000)]
public class RelistVersionIntegrationTests
{
    private static readonly ObjectKey A = new("it", "a");
    private static readonly ObjectKey C = new("it", "c");

    private static long Revision(string resourceVersion) => long.Parse(resourceVersion, CultureInfo.InvariantCulture);

    [Test]
    public async Task ExpiredWatch_Relist_IsAConsistentReadWithoutResourceVersion()
    {
        // Four events of history: the writes below push the informer's resourceVersion out of it.
        await using var env = await StartAsync(new SandboxOptions { HistoryCapacity = 4 });
        await env.CreateNamespaceAsync("it");
        await env.CreateSecretAsync("it", "a");
        var secrets = env.StartSecrets(LiveInformer<V1Secret>.Options("secrets", minWatchSeconds: 60));
        await secrets.SyncedAsync();

        env.Sandbox.Faults.FailNext(10_000, 503, verb: "watch", resource: "secrets");
        env.Sandbox.Context.Store.CloseAllWatches();
        await UntilAsync(() => secrets.Count("restarted:Error") >= 1, "a re-watch to fail");
        await env.CreateSecretAsync("it", "c");
        for (var i = 0; i < 4; i++)
        {
            await env.CreateSecretAsync("it", $"filler-{i}", selected: false);
        }

        Assert.That(env.Sandbox.Context.Store.CompactedRevision, Is.GreaterThan(Revision(secrets.Informer.LastResourceVersion!)),
            "precondition: the informer's resourceVersion has left the history, so its next watch gets 410");
        env.Sandbox.Faults.Clear();
        await UntilAsync(() => secrets.Seen.Has(SeenKind.Added, C), "c, created while the watch was down");

        var lists = env.Requests.Lists;
        Assert.Multiple(() =>
        {
            Assert.That(secrets.Count("restarted:Expired"), Is.EqualTo(1));
            Assert.That(lists, Has.Count.EqualTo(2));
            Assert.That(RequestLog.Query(lists[0], "resourceVersion"), Is.Null, "the first list is a consistent read too");
            Assert.That(RequestLog.Query(lists[1], "resourceVersion"), Is.Null, "the relist after 410 is a consistent read (resourceVersion \"\")");
            Assert.That(RequestLog.Query(lists[1], "resourceVersionMatch"), Is.Null);
        });
        await CacheMatchesServerAsync(secrets.Cache, env.ServerSecretsAsync);
    }

    [Test]
    public async Task ListAtPastVersionWithLimit_SandboxAnswersTheExactStateAtThatVersion()
    {
        await using var env = await StartAsync();
        await env.CreateNamespaceAsync("it");
        var a = await env.CreateSecretAsync("it", "a");
        await env.PatchSecretAsync("it", "a", (Row.StepLabel, "2"));
        await env.CreateSecretAsync("it", "c");
        var source = KubernetesListWatches.Secrets(env.InformerClient, Selector);

        var past = await source.ListAsync(a.Metadata.ResourceVersion, null, 500, CancellationToken.None);
        var latest = await source.ListAsync("", null, 500, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(past.ResourceVersion, Is.EqualTo(a.Metadata.ResourceVersion));
            Assert.That(past.Items.Select(Row.Of), Is.EqualTo(new[] { new Row(A, a.Metadata.ResourceVersion, "1") }), "Exact: neither the patch nor c");
            Assert.That(latest.Items.Select(s => (Row.Of(s).Key, Row.Of(s).Step)), Is.EqualTo(new[] { (A, (string?)"2"), (C, (string?)"1") }));
            Assert.That(Revision(latest.ResourceVersion), Is.GreaterThan(Revision(a.Metadata.ResourceVersion)));
        });
    }

    [Test]
    public async Task ListAtUnavailableVersion_SandboxAnswers410OrTooLarge_AdapterMapsBoth()
    {
        await using var env = await StartAsync();
        await env.CreateNamespaceAsync("it");
        var a = await env.CreateSecretAsync("it", "a");
        await env.CreateSecretAsync("it", "c");
        env.Sandbox.Context.Store.Compact();
        var source = KubernetesListWatches.Secrets(env.InformerClient, Selector);
        var future = (env.Sandbox.Context.Store.Revision + 100).ToString(CultureInfo.InvariantCulture);

        Assert.Multiple(() =>
        {
            Assert.That(() => source.ListAsync(a.Metadata.ResourceVersion, null, 500, CancellationToken.None),
                Throws.TypeOf<InformerRestartException>().With.Property(nameof(InformerRestartException.Reason)).EqualTo(RestartReason.Expired));
            Assert.That(() => source.ListAsync(future, null, 500, CancellationToken.None),
                Throws.TypeOf<InformerRestartException>().With.Property(nameof(InformerRestartException.Reason)).EqualTo(RestartReason.TooLargeResourceVersion));
        });
    }
}
