using k8s;
using k8s.Models;
using KamajiKubeconfig.Informers;

namespace KamajiKubeconfig.Tests.Informers.Integration;

/// <summary>Scenario 1: the initial list fills the cache, flips HasSynced and reaches handlers as adds.</summary>
[CancelAfter(30_000)]
public class InitialListIntegrationTests
{
    [Test]
    public async Task InitialList_PageSizeBelowObjectCount_FollowsContinueTokensAndSyncs()
    {
        await using var env = await LiveEnvironment.StartAsync();
        await SeedAsync(env, selected: 7, unselected: 2);

        // The production source asks for resourceVersion 0, which a server answers from its watch cache in one
        // page (see the next test). This source asks for a consistent first page, which the server does page, so
        // that the informer's continue loop runs against a real server.
        var source = new KubernetesListWatch<V1Secret>(
            async (_, continueToken, limit, ct) =>
            {
                var list = await env.InformerClient.CoreV1.ListSecretForAllNamespacesAsync(
                    continueParameter: continueToken, labelSelector: LiveEnvironment.Selector, limit: limit, cancellationToken: ct);
                return new ListPage<V1Secret>([.. list.Items], list.Metadata.ResourceVersion, list.Metadata.ContinueProperty);
            },
            (resourceVersion, timeoutSeconds, onError, ct) => env.InformerClient.CoreV1.WatchListSecretForAllNamespacesAsync(
                allowWatchBookmarks: true, labelSelector: LiveEnvironment.Selector, resourceVersion: resourceVersion,
                timeoutSeconds: timeoutSeconds, onError: onError, cancellationToken: ct),
            s => s.Metadata.ResourceVersion);
        var secrets = env.Start(source, Row.Of, LiveInformer<V1Secret>.Options("secrets", pageSize: 3));

        await secrets.SyncedAsync();

        var lists = env.Requests.Lists;
        Assert.Multiple(() =>
        {
            Assert.That(secrets.Informer.HasSynced, Is.True);
            Assert.That(secrets.Cache.Count, Is.EqualTo(7));
            Assert.That(secrets.Seen.All.Count(s => s.Kind == SeenKind.Added), Is.EqualTo(7));
            Assert.That(lists, Has.Count.EqualTo(3), "7 objects in pages of 3");
            Assert.That(lists.Skip(1).Select(u => RequestLog.Query(u, "continue")), Is.All.Not.Empty);
            Assert.That(secrets.Informer.LastResourceVersion, Is.Not.Empty);
        });
        await LiveEnvironment.CacheMatchesServerAsync(secrets.Cache, env.ServerSecretsAsync);
    }

    [Test]
    public async Task InitialList_ProductionSourceAtResourceVersionZero_OnePageFillsCacheAndSyncs()
    {
        await using var env = await LiveEnvironment.StartAsync();
        await SeedAsync(env, selected: 7, unselected: 2);

        var secrets = env.StartSecrets(LiveInformer<V1Secret>.Options("secrets", pageSize: 3));
        await secrets.SyncedAsync();

        // A4: a list at resourceVersion 0 is served from the watch cache, which ignores limit (as client-go expects).
        var lists = env.Requests.Lists;
        Assert.Multiple(() =>
        {
            Assert.That(secrets.Informer.HasSynced, Is.True);
            Assert.That(secrets.Cache.Count, Is.EqualTo(7));
            Assert.That(secrets.Seen.All.Count(s => s.Kind == SeenKind.Added), Is.EqualTo(7));
            Assert.That(lists, Has.Count.EqualTo(1));
            Assert.That(RequestLog.Query(lists[0], "resourceVersion"), Is.EqualTo("0"));
            Assert.That(RequestLog.Query(lists[0], "limit"), Is.EqualTo("3"));
        });
        await LiveEnvironment.CacheMatchesServerAsync(secrets.Cache, env.ServerSecretsAsync);
    }

    private static async Task SeedAsync(LiveEnvironment env, int selected, int unselected)
    {
        await env.CreateNamespaceAsync("it-list");
        for (var i = 0; i < selected; i++)
        {
            await env.CreateSecretAsync("it-list", $"in-{i}");
        }

        for (var i = 0; i < unselected; i++)
        {
            await env.CreateSecretAsync("it-list", $"out-{i}", selected: false);
        }
    }
}
