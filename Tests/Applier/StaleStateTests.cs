using System.Collections.Immutable;
using KamajiKubeconfig.Controller.Applier;
using KamajiKubeconfig.Controller.Cluster;
using KamajiKubeconfig.Controller.Issuing;
using KamajiKubeconfig.Reconcile;
using KamajiKubeconfig.Tests.Builders;
using KamajiKubeconfig.Tests.Fakes;
using Moq;

namespace KamajiKubeconfig.Tests.Applier;

/// <summary>
/// Issue 15 (2, 3): a pass that runs on a cache that has not seen our last write must not issue again (one
/// rotation request, one certificate), and status equals what this controller computed even when another writer
/// left errors behind.
/// </summary>
public class StaleStateTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;

    private static SecretInfo Secret(string resourceVersion, string rotate = "") => new("ns", "t-g", resourceVersion,
        SortedMap.Of((WellKnown.ManagedByLabel, "g")), rotate.Length == 0 ? SortedMap.Empty : SortedMap.Of((WellKnown.RotateAnnotation, rotate)),
        EquatableList<OwnerReference>.Empty, ImmutableDictionary<string, byte[]>.Empty);

    private static readonly ObjectRef Ref = new("ns", "t-g");

    [Test]
    public void RecentWrites_CacheStillShowsThePlannedFromState_StandsInWithWhatWasStored()
    {
        var cached = Secret("5");
        var writes = new RecentWrites(_ => cached.ResourceVersion);
        writes.Record(Ref, "5", Secret("9", "2026-06-01T12:00:00Z"));

        Assert.That(writes.Snapshot().Resolve(Ref, cached)!.ResourceVersion, Is.EqualTo("9"));
    }

    [Test]
    public void RecentWrites_CreateNotYetSeen_StandsIn()
    {
        var writes = new RecentWrites(_ => null);
        writes.Record(Ref, "", Secret("9"));

        Assert.That(writes.Snapshot().Resolve(Ref, null)!.ResourceVersion, Is.EqualTo("9"));
    }

    [TestCase("9")]
    [TestCase("12")]
    [TestCase(null)]
    public void RecentWrites_InformerDeliversAnyNewerState_TheCacheWinsAgain(string? delivered)
    {
        var writes = new RecentWrites(_ => "5");
        writes.Record(Ref, "5", Secret("9"));

        writes.Observed(Ref, delivered);

        Assert.That((writes.Count, writes.Snapshot().Resolve(Ref, Secret("5"))!.ResourceVersion), Is.EqualTo((0, "5")));
    }

    [Test]
    public void RecentWrites_EventArrivedBeforeTheWriteReturned_IsNotKept()
    {
        // Our create came back through the watch (cache at "9") before the API call returned: no event will follow.
        var writes = new RecentWrites(_ => "9");
        writes.Record(Ref, "", Secret("9"));

        Assert.That((writes.Count, writes.Snapshot().Resolve(Ref, null)), Is.EqualTo((0, (SecretInfo?)null)));
    }

    [Test]
    public void RecentWrites_ReplayOfThePlannedFromState_KeepsStandingIn()
    {
        var writes = new RecentWrites(_ => "5");
        writes.Record(Ref, "5", Secret("9"));

        writes.Observed(Ref, "5");

        Assert.That(writes.Snapshot().Resolve(Ref, Secret("5"))!.ResourceVersion, Is.EqualTo("9"));
    }

    [Test]
    public void RecentWrites_RelistShowsAStateBetweenPlanAndWrite_KeepsStandingIn()
    {
        // Planned from "5", someone's edit made "7" (a rotation request), our write stored "9"; a relist that was
        // answered before our write brings "7" into the cache: planning from it would answer the request again.
        var writes = new RecentWrites(_ => "5");
        writes.Record(Ref, "5", Secret("9", "2026-06-01T12:00:00Z"));

        writes.Observed(Ref, "7");

        Assert.That(writes.Snapshot().Resolve(Ref, Secret("7", rotate: ""))!.ResourceVersion, Is.EqualTo("9"));
    }

    [Test]
    public void RecentWrites_WriteReturnsAfterTheCacheMovedToAnOlderState_IsKept()
    {
        var writes = new RecentWrites(_ => "7");
        writes.Record(Ref, "5", Secret("9"));

        Assert.That(writes.Count, Is.EqualTo(1));
    }

    [Test]
    public void RecentWrites_OpaqueResourceVersions_OnlyThePlannedFromStateCountsAsOlder()
    {
        var writes = new RecentWrites(_ => "a5");
        writes.Record(Ref, "a5", Secret("a9"));

        writes.Observed(Ref, "a7");

        Assert.That((writes.Count, writes.Snapshot().Resolve(Ref, Secret("a7"))!.ResourceVersion), Is.EqualTo((0, "a7")));
    }

    [Test]
    public void RecentWrites_SecondWritePlannedFromTheStandIn_KeepsStandingInForTheStaleCache()
    {
        // Cache stuck at "5" (the Secret watch fails): a repair stored "9", then a rotation planned from "9" stored "12".
        var writes = new RecentWrites(_ => "5");
        writes.Record(Ref, "5", Secret("9"));
        writes.Record(Ref, "9", Secret("12", "2026-06-01T12:00:00Z"));

        Assert.That(writes.Snapshot().Resolve(Ref, Secret("5"))!.ResourceVersion, Is.EqualTo("12"));
        writes.Observed(Ref, "12");
        Assert.That((writes.Count, writes.Snapshot().Resolve(Ref, Secret("12"))!.ResourceVersion), Is.EqualTo((0, "12")));
    }

    [Test]
    public async Task Execute_RotationThenAPassOnTheStaleCache_IssuesOnce()
    {
        var world = new TestWorld().Tenant("ns", "t");
        var generator = new GeneratorBuilder("g").Build();
        world.Apply(world.Reconcile(generator, Now));
        world.Edit("ns", "t-g", s => s with { Annotations = s.Annotations.With(WellKnown.RotateAnnotation, "") });
        var staleCache = world.Snapshot();
        var cachedVersion = world.Secret("ns", "t-g")!.ResourceVersion;
        var writes = new RecentWrites(_ => cachedVersion);
        var api = new Mock<IKubeApi>();
        api.ServesCaKeys(world);
        api.Setup(a => a.ApplySecretAsync(It.IsAny<DesiredSecret>(), true, It.IsAny<CancellationToken>()))
            .ReturnsAsync((DesiredSecret d, bool _, CancellationToken _) => new SecretInfo(d.Ref.Namespace, d.Ref.Name, "100", d.Labels, d.Annotations,
                EquatableList.Of(d.Owner), ImmutableDictionary<string, byte[]>.Empty.Add(WellKnown.ValueKey, d.Value!)));
        api.Setup(a => a.ApplyStatusAsync("g", It.IsAny<GeneratorStatus>(), It.IsAny<CancellationToken>())).ReturnsAsync((GeneratorStatus?)null);
        var executor = new PlanExecutor(api.Object, new KubeconfigIssuing(world.Issuer, 2), new SecretWriter(api.Object), 4, recentWrites: writes);

        var issued = 0;
        for (var pass = 0; pass < 3; pass++)
        {
            // Every pass reads the same stale cache (the Secret watch is failing), overlaid with our own writes.
            var view = new OverlayView(staleCache, writes);
            var report = await executor.ExecuteAsync(generator, Reconciler.Reconcile(generator, view, Now, ReconcileOptions.Default), Now, None);
            issued += report.Issued.GetValueOrDefault(IssueReason.RotationRequested);
        }

        Assert.That(issued, Is.EqualTo(1));
    }

    private sealed class OverlayView(IClusterView inner, RecentWrites writes) : IClusterView
    {
        public IEnumerable<NamespaceInfo> Namespaces => inner.Namespaces;

        public IEnumerable<TenantControlPlane> TenantControlPlanesIn(string @namespace) => inner.TenantControlPlanesIn(@namespace);

        public SecretInfo? GetSecret(ObjectRef secret) => writes.Snapshot().Resolve(secret, inner.GetSecret(secret));

        public IEnumerable<SecretInfo> SecretsManagedBy(string generator) => inner.SecretsManagedBy(generator);
    }

    [Test]
    public async Task Execute_StoredStatusKeepsErrorsWeDidNotCompute_RemovesThem()
    {
        var world = new TestWorld().Tenant("ns", "t");
        var generator = new GeneratorBuilder("g").Build();
        world.Apply(world.Reconcile(generator, Now));
        var computed = world.Reconcile(generator, Now).Status!;
        var stale = computed with { Errors = EquatableList.Of(new StatusError("ns/t", "left behind by another writer")) };
        var withStale = new GeneratorBuilder("g").Status(stale).Build();
        var api = new Mock<IKubeApi>(MockBehavior.Strict);
        var sequence = new MockSequence();
        api.InSequence(sequence).Setup(a => a.ApplyStatusAsync("g", It.Is<GeneratorStatus>(s => s.Errors.Count == 0), None)).ReturnsAsync(stale);
        api.InSequence(sequence).Setup(a => a.RemoveStatusErrorsAsync("g", None)).Returns(Task.CompletedTask);

        await new PlanExecutor(api.Object, new KubeconfigIssuing(world.Issuer, 2), new SecretWriter(api.Object), 4)
            .ExecuteAsync(withStale, world.Reconcile(withStale, Now), Now, None);

        // Explicit: Moq's VerifyAll skips setups made conditional by a MockSequence.
        api.Verify(a => a.RemoveStatusErrorsAsync("g", None), Times.Once);
    }

    [Test]
    public async Task Execute_StoredStatusHasNoErrors_NoExtraWrite()
    {
        var world = new TestWorld().Tenant("ns", "t");
        var generator = new GeneratorBuilder("g").Build();
        world.Apply(world.Reconcile(generator, Now));
        var computed = world.Reconcile(generator, Now).Status!;
        var ours = new GeneratorBuilder("g").Status(computed with { Errors = EquatableList.Of(new StatusError("ns/t", "ours, fixed since")) }).Build();
        var api = new Mock<IKubeApi>(MockBehavior.Strict);
        api.Setup(a => a.ApplyStatusAsync("g", It.IsAny<GeneratorStatus>(), None)).ReturnsAsync(computed);

        await new PlanExecutor(api.Object, new KubeconfigIssuing(world.Issuer, 2), new SecretWriter(api.Object), 4)
            .ExecuteAsync(ours, world.Reconcile(ours, Now), Now, None);

        api.Verify(a => a.RemoveStatusErrorsAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }
}
