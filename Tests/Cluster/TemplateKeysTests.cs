using System.Text;
using System.Text.Json;
using k8s.Models;
using KamajiKubeconfig.Controller.Cluster;
using KamajiKubeconfig.Informers;
using KamajiKubeconfig.Reconcile;
using KamajiKubeconfig.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace KamajiKubeconfig.Tests.Cluster;

/// <summary>
/// Only the admin kubeconfig keys generators read are parsed into the Kamaji Secret cache: the keys of the generators
/// there at start by the first list, a key first asked for later by a relist its asker waits for.
/// </summary>
[CancelAfter(20_000)]
public class TemplateKeysTests
{
    private static readonly ObjectKey Admin = new("ns", "t-admin-kubeconfig");

    [Test]
    public async Task Caches_ParseTheKeysOfTheGeneratorsThereAtStart_AndRelistForAKeyAskedLater()
    {
        var generators = new FakeListWatch<JsonElement>();
        var kamaji = new FakeListWatch<V1Secret>();
        var caches = new ClusterCaches(
            generators, new FakeListWatch<JsonElement>(), new FakeListWatch<V1Namespace>(), new FakeListWatch<V1Secret>(), kamaji,
            TimeProvider.System, new ScriptedRandom(0.5), NullLoggerFactory.Instance, Mock.Of<IInformerMetrics>());
        using var stop = new CancellationTokenSource();
        var running = caches.RunAsync(stop.Token).ToList();

        await generators.NextListCallAsync();
        Assert.That(kamaji.ListCount, Is.Zero, "Kamaji's Secrets are listed once the generators are known");
        generators.AnswerList("1", Generator("g", "admin.conf"));
        await kamaji.NextListCallAsync();
        kamaji.AnswerList("5", AdminSecret("5"));
        await kamaji.NextWatchAsync();

        Assert.That(caches.KamajiSecrets.Get(Admin)!.Templates!.Keys, Is.EqualTo(new[] { "admin.conf" }));
        Assert.That(caches.KamajiSecrets.Get(Admin)!.Data, Is.Empty, "the unread kubeconfigs (and their admin keys) are not kept");
        // Signalled just after the list is in (the watch may start first): awaited, then no second list was needed.
        await caches.TemplatesReadAsync("admin.conf", CancellationToken.None).WaitAsync(Deadline.Default);
        Assert.That(kamaji.ListCount, Is.EqualTo(1), "the first list parsed it");

        var read = caches.TemplatesReadAsync("admin.svc", CancellationToken.None);
        await kamaji.NextListCallAsync();
        Assert.That(read.IsCompleted, Is.False, "not before the relist is in the cache");
        kamaji.AnswerList("6", AdminSecret("5"));
        await read.WaitAsync(Deadline.Default);

        Assert.That(caches.KamajiSecrets.Get(Admin)!.Templates!.Keys, Is.EquivalentTo(new[] { "admin.conf", "admin.svc" }));
        Assert.That(caches.TemplatesReadAsync("admin.svc", CancellationToken.None).IsCompleted, Is.True, "one relist per key");
        await stop.CancelAsync();
        await Task.WhenAll(running).WaitAsync(Deadline.Default);
    }

    private static JsonElement Generator(string name, string key) => JsonDocument.Parse(
        $$$"""{"metadata": {"name": "{{{name}}}", "resourceVersion": "1"}, "spec": {"controlPlaneEndpointFrom": "{{{key}}}"} }""").RootElement;

    private static V1Secret AdminSecret(string resourceVersion)
    {
        static byte[] Config(string server) => Encoding.UTF8.GetBytes($"clusters:\n- cluster: {{server: {server}}}\n  name: t\n");
        return new()
        {
            Metadata = new V1ObjectMeta
            {
                Name = Admin.Name,
                NamespaceProperty = Admin.Namespace,
                ResourceVersion = resourceVersion,
                Labels = new Dictionary<string, string> { [WellKnown.ComponentLabel] = "admin-kubeconfig" },
            },
            Data = new Dictionary<string, byte[]>
            {
                ["admin.conf"] = Config("https://t.example:6443"),
                ["admin.svc"] = Config("https://t.ns.svc:6443"),
                ["super-admin.conf"] = Config("https://t.example:6443"),
            },
        };
    }
}
