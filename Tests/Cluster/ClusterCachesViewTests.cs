using System.Collections.Immutable;
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
/// A pass's view of the caches and of our own writes the caches have not shown (<see cref="RecentWrites"/>): both
/// must be of one moment, whatever the informer delivers while the pass reads.
/// </summary>
public class ClusterCachesViewTests
{
    private static readonly ObjectRef Ref = new("ns", "t-g");

    [Test]
    public async Task View_OurCreateDeliveredAfterTheViewWasTaken_StillSeesTheSecret()
    {
        var managed = new FakeListWatch<V1Secret>();
        var caches = new ClusterCaches(
            new FakeListWatch<JsonElement>(), new FakeListWatch<JsonElement>(), new FakeListWatch<V1Namespace>(), managed, new FakeListWatch<V1Secret>(),
            TimeProvider.System, new ScriptedRandom(0.5), NullLoggerFactory.Instance, Mock.Of<IInformerMetrics>());
        using var stop = new CancellationTokenSource();
        var informer = caches.ManagedSecretInformer.RunAsync(stop.Token);
        managed.AnswerList("1");
        var watch = await managed.NextWatchAsync();

        // The pass before created the Secret; the watch has not delivered it yet.
        caches.RecentWrites.Record(Ref, "", Stored("9"));
        var view = caches.View();
        // Now it does, while this pass still reads its snapshot of the caches (taken without the Secret).
        watch.Added(Json("9"), "9");
        await EventuallyAsync(() => caches.ManagedSecrets.Get(new ObjectKey("ns", "t-g")) is not null && caches.RecentWrites.Count == 0);

        Assert.That(view.GetSecret(Ref)?.ResourceVersion, Is.EqualTo("9"), "the pass would plan the Secret as missing and create it again");
        await stop.CancelAsync();
        await informer;
    }

    private static SecretInfo Stored(string resourceVersion) => new("ns", "t-g", resourceVersion,
        SortedMap.Of((WellKnown.ManagedByLabel, "g")), SortedMap.Empty, EquatableList<OwnerReference>.Empty, ImmutableDictionary<string, byte[]>.Empty);

    private static V1Secret Json(string resourceVersion) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "t-g",
            NamespaceProperty = "ns",
            ResourceVersion = resourceVersion,
            Labels = new Dictionary<string, string> { [WellKnown.ManagedByLabel] = "g" },
        },
    };

    private static async Task EventuallyAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Deadline.Default;
        while (!condition())
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the informer did not deliver the event");
            await Task.Delay(10);
        }
    }
}
