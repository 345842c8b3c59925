using System.Globalization;
using System.Text.Json;
using k8s;
using k8s.Models;
using KamajiKubeconfig.Informers;
using KamajiKubeconfig.Reconcile;
using static KamajiKubeconfig.Tests.Informers.Integration.LiveEnvironment;

namespace KamajiKubeconfig.Tests.Informers.Integration;

/// <summary>Scenarios 2 and 3: live watch events for Secrets, Namespaces and both CRs; bookmarks.</summary>
[CancelAfter(30_000)]
public class LiveWatchIntegrationTests
{
    [Test]
    public async Task SecretWatch_CreateUpdateDelete_CachesOnlySelectedSecrets()
    {
        await using var env = await StartAsync();
        await env.CreateNamespaceAsync("it-watch");
        var secrets = env.StartSecrets();
        await secrets.SyncedAsync();
        var a = new ObjectKey("it-watch", "a");
        var hidden = new ObjectKey("it-watch", "hidden");

        // Each step changes the unselected Secret first: once the selected one's event is seen, the other's
        // earlier event has been through the same watch, and must have been filtered by the server.
        await env.CreateSecretAsync("it-watch", "hidden", selected: false);
        await env.CreateSecretAsync("it-watch", "a");
        await UntilAsync(() => secrets.Seen.Has(SeenKind.Added, a), "a added");
        await env.PatchSecretAsync("it-watch", "hidden", (Row.StepLabel, "2"));
        await env.PatchSecretAsync("it-watch", "a", (Row.StepLabel, "2"));
        await UntilAsync(() => secrets.Seen.Has(SeenKind.Updated, a, step: "2"), "a updated");
        await env.DeleteSecretAsync("it-watch", "hidden");
        await env.DeleteSecretAsync("it-watch", "a");
        await UntilAsync(() => secrets.Seen.Has(SeenKind.Deleted, a), "a deleted");

        Assert.Multiple(() =>
        {
            Assert.That(secrets.Cache.Snapshot.Get(a), Is.Null);
            Assert.That(secrets.Seen.Mentions(hidden), Is.False, "a Secret outside the selector reached the handlers");
            Assert.That(env.Requests.Lists, Has.Count.EqualTo(1), "a live watch must not relist");
        });
        await CacheMatchesServerAsync(secrets.Cache, env.ServerSecretsAsync);
    }

    [Test]
    public async Task SecretWatch_RelabelledOutOfAndBackIntoSelector_ArrivesAsDeleteThenAdd()
    {
        await using var env = await StartAsync();
        await env.CreateNamespaceAsync("it-relabel");
        var secrets = env.StartSecrets();
        await secrets.SyncedAsync();
        var a = new ObjectKey("it-relabel", "a");

        await env.CreateSecretAsync("it-relabel", "a");
        await UntilAsync(() => secrets.Seen.Has(SeenKind.Added, a), "a added");
        await env.PatchSecretAsync("it-relabel", "a", ("informer-it", "no"));
        await UntilAsync(() => secrets.Seen.Has(SeenKind.Deleted, a), "a deleted when it left the selector");
        Assert.That(secrets.Cache.Snapshot.Get(a), Is.Null);
        await CacheMatchesServerAsync(secrets.Cache, env.ServerSecretsAsync);

        await env.PatchSecretAsync("it-relabel", "a", ("informer-it", "yes"), (Row.StepLabel, "3"));
        await UntilAsync(() => secrets.Seen.Count(SeenKind.Added, a) == 2, "a added again when it re-entered the selector");
        Assert.That(secrets.Cache.Snapshot.Get(a)?.Step, Is.EqualTo("3"));
        await CacheMatchesServerAsync(secrets.Cache, env.ServerSecretsAsync);
    }

    [Test]
    public async Task NamespaceWatch_CreateUpdateDelete_FollowsServer()
    {
        await using var env = await StartAsync();
        var namespaces = env.Start(KubernetesListWatches.Namespaces(env.InformerClient), Row.Of, LiveInformer<V1Namespace>.Options("namespaces"));
        await namespaces.SyncedAsync();
        Assert.That(namespaces.Cache.Snapshot.Get(ObjectKey.Cluster("default")), Is.Not.Null);

        // Deletion goes through Terminating (a MODIFIED) before the namespace controller finalises it (DELETED).
        await LifecycleAsync(
            namespaces,
            ObjectKey.Cluster("it-ns"),
            () => env.CreateNamespaceAsync("it-ns", step: "1"),
            () => env.Admin.CoreV1.PatchNamespaceAsync(LabelPatch((Row.StepLabel, "2")), "it-ns"),
            () => env.Admin.CoreV1.DeleteNamespaceAsync("it-ns"),
            env.ServerNamespacesAsync);
    }

    [Test]
    public async Task TenantControlPlaneWatch_CreateUpdateDelete_FollowsServer()
    {
        await using var env = await StartAsync();
        await env.CreateNamespaceAsync("it-tcp");
        var tenants = env.Start(
            KubernetesListWatches.NamespacedCustomObjects(env.InformerClient, WellKnown.Group, WellKnown.Version, WellKnown.TenantControlPlanePlural),
            Row.Of,
            LiveInformer<JsonElement>.Options("tenantcontrolplanes"));
        await tenants.SyncedAsync();
        var objects = env.Admin.CustomObjects;

        await LifecycleAsync(
            tenants,
            new ObjectKey("it-tcp", "tcp"),
            () => objects.CreateNamespacedCustomObjectAsync(CustomResources.Tenant("it-tcp", "tcp"), WellKnown.Group, WellKnown.Version, "it-tcp", WellKnown.TenantControlPlanePlural),
            () => objects.PatchNamespacedCustomObjectAsync(LabelPatch((Row.StepLabel, "2")), WellKnown.Group, WellKnown.Version, "it-tcp", WellKnown.TenantControlPlanePlural, "tcp"),
            () => objects.DeleteNamespacedCustomObjectAsync(WellKnown.Group, WellKnown.Version, "it-tcp", WellKnown.TenantControlPlanePlural, "tcp"),
            env.ServerTenantsAsync);
    }

    [Test]
    public async Task KubeconfigGeneratorWatch_CreateUpdateDelete_FollowsServer()
    {
        await using var env = await StartAsync();
        var generators = env.Start(
            KubernetesListWatches.ClusterCustomObjects(env.InformerClient, WellKnown.Group, WellKnown.Version, WellKnown.GeneratorPlural),
            Row.Of,
            LiveInformer<JsonElement>.Options("kubeconfiggenerators"));
        await generators.SyncedAsync();
        var objects = env.Admin.CustomObjects;

        await LifecycleAsync(
            generators,
            ObjectKey.Cluster("gen"),
            () => objects.CreateClusterCustomObjectAsync(CustomResources.Generator("gen"), WellKnown.Group, WellKnown.Version, WellKnown.GeneratorPlural),
            () => objects.PatchClusterCustomObjectAsync(LabelPatch((Row.StepLabel, "2")), WellKnown.Group, WellKnown.Version, WellKnown.GeneratorPlural, "gen"),
            () => objects.DeleteClusterCustomObjectAsync(WellKnown.Group, WellKnown.Version, WellKnown.GeneratorPlural, "gen"),
            env.ServerGeneratorsAsync);
    }

    [Test]
    public async Task Bookmarks_QuietWatchWhileOtherResourcesChange_AdvanceLastResourceVersion()
    {
        await using var env = await StartAsync(new() { BookmarkInterval = TimeSpan.FromMilliseconds(200) });

        // A watch timeout of a minute or more: within this test the only thing that can move the version is a
        // bookmark on the one open watch, not a new watch.
        var secrets = env.StartSecrets(LiveInformer<V1Secret>.Options("secrets", minWatchSeconds: 60));
        await secrets.SyncedAsync();
        await UntilAsync(() => env.Requests.Watches.Count == 1, "the watch to start");

        var unrelated = await env.CreateNamespaceAsync("it-bookmark");
        var target = long.Parse(unrelated.Metadata.ResourceVersion, CultureInfo.InvariantCulture);
        await UntilAsync(
            () => long.Parse(secrets.Informer.LastResourceVersion!, CultureInfo.InvariantCulture) >= target,
            $"LastResourceVersion to reach {target} through bookmarks");

        Assert.Multiple(() =>
        {
            Assert.That(secrets.Seen.All, Is.Empty, "no Secret changed");
            Assert.That(env.Requests.Watches, Has.Count.EqualTo(1));
            Assert.That(env.Requests.Lists, Has.Count.EqualTo(1));
        });
    }

    /// <summary>Create, update (step label to 2), delete; each must reach the handlers and the cache must follow.</summary>
    private static async Task LifecycleAsync<TRaw>(
        LiveInformer<TRaw> informer, ObjectKey key, Func<Task> create, Func<Task> update, Func<Task> delete, Func<Task<IReadOnlyList<Row>>> server)
    {
        await create();
        await UntilAsync(() => informer.Seen.Has(SeenKind.Added, key), $"{key} added");
        await update();
        await UntilAsync(() => informer.Seen.Has(SeenKind.Updated, key, step: "2") && informer.Cache.Snapshot.Get(key)?.Step == "2", $"{key} updated");
        await CacheMatchesServerAsync(informer.Cache, server);
        await delete();
        await UntilAsync(() => informer.Seen.Has(SeenKind.Deleted, key) && informer.Cache.Snapshot.Get(key) is null, $"{key} deleted");
        await CacheMatchesServerAsync(informer.Cache, server);
    }
}
