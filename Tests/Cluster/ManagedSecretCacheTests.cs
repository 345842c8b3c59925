using System.Text.Json;
using k8s.Models;
using KamajiKubeconfig.Controller.Cluster;
using KamajiKubeconfig.Controller.Issuing;
using KamajiKubeconfig.Controller.Workers;
using KamajiKubeconfig.Informers;
using KamajiKubeconfig.Reconcile;
using KamajiKubeconfig.Tests.Builders;
using KamajiKubeconfig.Tests.Fakes;
using KamajiKubeconfig.Tests.Issuing;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace KamajiKubeconfig.Tests.Cluster;

/// <summary>
/// Generated Secrets are cached without their value (docs/design.md, "Caches"): what validity needs is read once,
/// the client key is dropped, and a kubeconfig this process issued is not even read back.
/// </summary>
public class ManagedSecretCacheTests
{
    private static readonly ObjectKey Key = new("ns", "t-g");

    [Test]
    public async Task Cache_GeneratedSecret_HoldsItsFactsAndNoValue()
    {
        var (value, _) = Issue();

        var cached = await CacheAsync(value, NoValidityMemo.Instance);

        Assert.That(cached.Data, Is.Empty, "the value holds the client's private key");
        Assert.That(cached.Get(WellKnown.ValueKey), Is.Null);
        Assert.That(cached.Kubeconfig, Is.Not.Null);
        Assert.That((cached.Kubeconfig!.Problem, cached.Kubeconfig.KeyMatches, cached.Kubeconfig.KeyAlgorithm), Is.EqualTo(((IssueReason?)null, true, (KeyAlgorithm?)KeyAlgorithm.EcdsaP256)));
    }

    [Test]
    public async Task Cache_KubeconfigThisProcessIssued_TakesTheIssuersFactsWithoutParsing()
    {
        var (value, stored) = Issue();
        var memo = new BoundedValidityMemo(10);
        memo.GetOrAdd(KubeconfigContentKey.Of(value), () => stored);

        var cached = await CacheAsync(value, memo);

        Assert.That(cached.Kubeconfig, Is.SameAs(stored));
    }

    [Test]
    public async Task Cache_KubeconfigWrittenBySomeoneElse_IsReadButNotRemembered()
    {
        var (value, _) = Issue();
        var memo = new BoundedValidityMemo(10);

        var cached = await CacheAsync(value, memo);

        Assert.That(cached.Kubeconfig!.KeyMatches, Is.True);
        Assert.That(memo.Count, Is.Zero, "each edit of a Secret would otherwise add an entry");
    }

    [TestCase("not a kubeconfig: [")]
    [TestCase("")]
    public async Task Cache_UnreadableValue_IsCachedAsUnreadableNotSkipped(string value)
    {
        var cached = await CacheAsync(System.Text.Encoding.UTF8.GetBytes(value), NoValidityMemo.Instance);

        Assert.That(cached.Kubeconfig!.Problem, Is.EqualTo(IssueReason.Unreadable));
    }

    private static (byte[] Value, StoredKubeconfig Stored) Issue()
    {
        var request = CertificateIssuerTests.Request(TestPki.Ca(), KeyAlgorithm.EcdsaP256);
        var result = new CertificateIssuer(FixedKeySource.Shared).Issue(request, TestPki.KeyOf(request.CertificateAuthority));
        return (result.Kubeconfig!, result.Stored!);
    }

    private static async Task<SecretInfo> CacheAsync(byte[] value, IValidityMemo memo)
    {
        var managed = new FakeListWatch<V1Secret>();
        var caches = new ClusterCaches(
            new FakeListWatch<JsonElement>(), new FakeListWatch<JsonElement>(), new FakeListWatch<V1Namespace>(), managed, new FakeListWatch<V1Secret>(),
            TimeProvider.System, new ScriptedRandom(0.5), NullLoggerFactory.Instance, Mock.Of<IInformerMetrics>(), memo);
        using var stop = new CancellationTokenSource();
        var informer = caches.ManagedSecretInformer.RunAsync(stop.Token);
        managed.AnswerList("1", new V1Secret
        {
            Metadata = new V1ObjectMeta
            {
                Name = "t-g",
                NamespaceProperty = "ns",
                ResourceVersion = "1",
                Labels = new Dictionary<string, string> { [WellKnown.ManagedByLabel] = "g" },
            },
            Data = new Dictionary<string, byte[]> { [WellKnown.ValueKey] = value },
        });
        var deadline = DateTime.UtcNow + Deadline.Default;
        while (caches.ManagedSecrets.Get(Key) is null)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the informer did not cache the Secret");
            await Task.Delay(10);
        }
        await stop.CancelAsync();
        await informer;
        return caches.ManagedSecrets.Get(Key)!;
    }
}
