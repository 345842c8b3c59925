using k8s.Models;

namespace KamajiKubeconfig.Tests.Informers.Integration;

/// <summary>Scenario 1: the initial list fills the cache, flips HasSynced and reaches handlers as adds.</summary>
[CancelAfter(30_000)]
public class InitialListIntegrationTests
{
    [Test]
    public async Task InitialList_ProductionSource_IsAConsistentReadInPagesThatFollowsContinueTokensAndSyncs()
    {
        await using var env = await LiveEnvironment.StartAsync();
        await SeedAsync(env, selected: 7, unselected: 2);

        var secrets = env.StartSecrets(LiveInformer<V1Secret>.Options("secrets", pageSize: 3));
        await secrets.SyncedAsync();

        // A4: without a resourceVersion the server reads the latest state and honours the limit; at "0" the watch
        // cache would send every object in one response, whatever the page size.
        var lists = env.Requests.Lists;
        Assert.Multiple(() =>
        {
            Assert.That(secrets.Informer.HasSynced, Is.True);
            Assert.That(secrets.Cache.Snapshot.Count, Is.EqualTo(7));
            Assert.That(secrets.Seen.All.Count(s => s.Kind == SeenKind.Added), Is.EqualTo(7));
            Assert.That(lists, Has.Count.EqualTo(3), "7 objects in pages of 3");
            Assert.That(RequestLog.Query(lists[0], "resourceVersion"), Is.Null);
            Assert.That(lists.Select(u => RequestLog.Query(u, "limit")), Is.All.EqualTo("3"));
            Assert.That(lists.Skip(1).Select(u => RequestLog.Query(u, "continue")), Is.All.Not.Empty);
            Assert.That(secrets.Informer.LastResourceVersion, Is.Not.Empty);
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
