using System.Collections.Immutable;
using KamajiKubeconfig.Controller.Applier;
using KamajiKubeconfig.Controller.Issuing;
using KamajiKubeconfig.Reconcile;
using KamajiKubeconfig.Tests.Builders;
using Moq;

namespace KamajiKubeconfig.Tests.Applier;

/// <summary>
/// A batch that needs every CA Secret of a namespace reads them with one LIST instead of a GET each; a namespace
/// where the caches know a CA Secret the batch does not need is read a GET at a time, so no key the pass does not
/// sign with is read. Whatever a LIST does not deliver is read with a GET, as before.
/// </summary>
public class CaKeyListTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;

    private static TestWorld World(string ns, int tenants)
    {
        var world = new TestWorld();
        for (var i = 0; i < tenants; i++)
        {
            world.Tenant(ns, $"t{i}");
        }
        return world;
    }

    // Copies: the pass wipes what it read.
    private static SecretInfo Copy(SecretInfo secret) => secret with { Data = secret.Data.ToImmutableDictionary(p => p.Key, p => p.Value.ToArray()) };

    private static List<SecretInfo> CaSecrets(TestWorld world, string ns, int tenants) =>
        [.. Enumerable.Range(0, tenants).Select(i => Copy(world.Secret(ns, $"t{i}-ca")!))];

    private static Mock<IKubeApi> Api(List<ObjectRef> created)
    {
        var api = new Mock<IKubeApi>(MockBehavior.Strict);
        api.Setup(a => a.CreateSecretAsync(It.IsAny<DesiredSecret>(), It.IsAny<CancellationToken>()))
            .Callback<DesiredSecret, CancellationToken>((s, _) => { lock (created) { created.Add(s.Ref); } }).ReturnsAsync((SecretInfo?)null);
        api.Setup(a => a.ApplyStatusAsync("g", It.IsAny<GeneratorStatus>(), It.IsAny<CancellationToken>())).ReturnsAsync((GeneratorStatus?)null);
        return api;
    }

    private static PlanExecutor Executor(Mock<IKubeApi> api, TestWorld world, IEnumerable<ObjectRef> cached) =>
        new(api.Object, new KubeconfigIssuing(world.Issuer, 2), new SecretWriter(api.Object), 4, cachedCaSecrets: () => cached);

    [Test]
    public async Task Execute_EveryCaSecretOfTheNamespaceNeeded_ReadsThemWithOneList()
    {
        var world = World("ns", 3);
        var generator = new GeneratorBuilder("g").Build();
        var created = new List<ObjectRef>();
        var api = Api(created);
        api.Setup(a => a.ListSecretsAsync("ns", "kamaji.clastix.io/component=ca", It.IsAny<CancellationToken>())).ReturnsAsync(CaSecrets(world, "ns", 3));

        var report = await Executor(api, world, CaSecrets(world, "ns", 3).Select(s => s.Ref)).ExecuteAsync(generator, world.Reconcile(generator, Now), Now, None);

        Assert.That(report.Issued.Values.Sum(), Is.EqualTo(3));
        Assert.That(created, Has.Count.EqualTo(3));
        api.Verify(a => a.ListSecretsAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Execute_NamespaceHoldsACaSecretThePassDoesNotNeed_ReadsOneAtATime()
    {
        var world = World("ns", 3);
        var generator = new GeneratorBuilder("g").Build();
        var created = new List<ObjectRef>();
        var api = Api(created);
        api.Setup(a => a.GetSecretAsync(It.IsAny<ObjectRef>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((ObjectRef r, CancellationToken _) => Copy(world.Secret(r.Namespace, r.Name)!));
        // Another tenant's CA, which this generator does not select: a LIST would read its key too.
        var cached = CaSecrets(world, "ns", 3).Select(s => s.Ref).Append(new ObjectRef("ns", "other-ca"));

        var report = await Executor(api, world, cached).ExecuteAsync(generator, world.Reconcile(generator, Now), Now, None);

        Assert.That(report.Issued.Values.Sum(), Is.EqualTo(3));
        api.Verify(a => a.GetSecretAsync(It.IsAny<ObjectRef>(), It.IsAny<CancellationToken>()), Times.Exactly(3));
    }

    [Test]
    public async Task Execute_ListFailsOrMissesASecret_ThoseAreReadWithAGet()
    {
        var world = World("a", 2).Tenant("b", "t0").Tenant("b", "t1");
        var generator = new GeneratorBuilder("g").Build();
        var created = new List<ObjectRef>();
        var api = Api(created);
        api.Setup(a => a.ListSecretsAsync("a", It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new KubeApiException(ApiFailureKind.ServerError, "the server is currently unable to handle the request"));
        // The LIST of "b" answers without t1's CA (created after the cache saw it, say): t1's is read with a GET.
        api.Setup(a => a.ListSecretsAsync("b", It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync([Copy(world.Secret("b", "t0-ca")!)]);
        api.Setup(a => a.GetSecretAsync(It.IsAny<ObjectRef>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((ObjectRef r, CancellationToken _) => Copy(world.Secret(r.Namespace, r.Name)!));
        var cached = CaSecrets(world, "a", 2).Concat(CaSecrets(world, "b", 2)).Select(s => s.Ref);

        var report = await Executor(api, world, cached).ExecuteAsync(generator, world.Reconcile(generator, Now), Now, None);

        Assert.That(report.Issued.Values.Sum(), Is.EqualTo(4));
        Assert.That(report.Plan.Status!.Errors, Is.Empty);
        api.Verify(a => a.GetSecretAsync(It.Is<ObjectRef>(r => r.Namespace == "a"), It.IsAny<CancellationToken>()), Times.Exactly(2));
        api.Verify(a => a.GetSecretAsync(new ObjectRef("b", "t1-ca"), It.IsAny<CancellationToken>()), Times.Once);
        api.Verify(a => a.GetSecretAsync(new ObjectRef("b", "t0-ca"), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Execute_ListedKeys_AreWipedOnceTheBatchIsWritten()
    {
        var world = World("ns", 2);
        var generator = new GeneratorBuilder("g").Build();
        var created = new List<ObjectRef>();
        var api = Api(created);
        var listed = CaSecrets(world, "ns", 2);
        api.Setup(a => a.ListSecretsAsync("ns", It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(listed);

        await Executor(api, world, listed.Select(s => s.Ref)).ExecuteAsync(generator, world.Reconcile(generator, Now), Now, None);

        Assert.That(listed.SelectMany(s => s.Data.Values).SelectMany(v => v), Is.All.EqualTo((byte)0));
    }

    [Test]
    public async Task Execute_ListThrowsUnexpectedly_IsReportedAndTheGetsGoOn()
    {
        var world = World("ns", 2);
        var generator = new GeneratorBuilder("g").Build();
        var created = new List<ObjectRef>();
        var api = Api(created);
        api.Setup(a => a.ListSecretsAsync("ns", It.IsAny<string>(), It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("a bug"));
        api.Setup(a => a.GetSecretAsync(It.IsAny<ObjectRef>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((ObjectRef r, CancellationToken _) => Copy(world.Secret(r.Namespace, r.Name)!));

        var report = await Executor(api, world, CaSecrets(world, "ns", 2).Select(s => s.Ref)).ExecuteAsync(generator, world.Reconcile(generator, Now), Now, None);

        Assert.That(report.Issued.Values.Sum(), Is.EqualTo(2));
        Assert.That(report.Unexpected.Single().Message, Is.EqualTo("a bug"));
    }
}
