using System.Collections.Immutable;
using KamajiKubeconfig.Controller.Applier;
using KamajiKubeconfig.Controller.Issuing;
using KamajiKubeconfig.Controller.Workers;
using KamajiKubeconfig.Reconcile;
using KamajiKubeconfig.Tests.Builders;
using KamajiKubeconfig.Tests.Fakes;
using Moq;

namespace KamajiKubeconfig.Tests.Applier;

/// <summary>
/// docs/behaviour.md B5: a Secret the executor just issued and wrote is remembered under the resourceVersion the server
/// stored, so the pass its own write triggers keeps it without parsing it again; only exactly what was sent is.
/// </summary>
public class MemoPrimingTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Issues for one new tenant; the API stores what <paramref name="store"/> makes of the request and returns it (or null).</summary>
    private static async Task<(TestWorld World, Generator Generator, CountingMemo Memo)> IssueOnceAsync(Func<TestWorld, DesiredSecret, SecretInfo?> store)
    {
        var world = new TestWorld().Tenant("ns", "t");
        var generator = new GeneratorBuilder("g").Build();
        var plan = world.Reconcile(generator, Now);
        var memo = new CountingMemo(new BoundedValidityMemo(100));
        var api = new Mock<IKubeApi>(MockBehavior.Strict);
        api.ServesCaKeys(world);
        api.Setup(a => a.CreateSecretAsync(It.IsAny<DesiredSecret>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((DesiredSecret desired, CancellationToken _) => store(world, desired));
        api.Setup(a => a.ApplyStatusAsync("g", It.IsAny<GeneratorStatus>(), It.IsAny<CancellationToken>())).ReturnsAsync((GeneratorStatus?)null);
        var executor = new PlanExecutor(api.Object, new KubeconfigIssuing(world.Issuer, 2), new SecretWriter(api.Object), 4, memo);

        var report = await executor.ExecuteAsync(generator, plan, Now, CancellationToken.None);

        Assert.That(report.Issued.Values.Sum(), Is.EqualTo(1));
        return (world, generator, memo);
    }

    /// <summary>Stores the Secret as the API server would (fresh resourceVersion) and answers with what it stored.</summary>
    private static SecretInfo Stored(TestWorld world, DesiredSecret desired, byte[]? value = null)
    {
        world.Put(new SecretInfo(desired.Ref.Namespace, desired.Ref.Name, "", desired.Labels, desired.Annotations, EquatableList.Of(desired.Owner),
            ImmutableDictionary<string, byte[]>.Empty.Add(WellKnown.ValueKey, value ?? desired.Value!)));
        return world.Secret(desired.Ref.Namespace, desired.Ref.Name)!;
    }

    [Test]
    public async Task IssuedAndStoredAsSent_NextPassKeepsItWithoutInspecting()
    {
        var (world, generator, memo) = await IssueOnceAsync((w, d) => Stored(w, d));
        var remembered = memo.Inspections;

        var next = Reconciler.Reconcile(generator, world.Snapshot(), Now.AddSeconds(1), ReconcileOptions.Default, memo);
        var plain = Reconciler.Reconcile(generator, world.Snapshot(), Now.AddSeconds(1), ReconcileOptions.Default);

        Assert.That((remembered, memo.Inspections), Is.EqualTo((1, 1)), "the write told the memo what the Secret holds; the next pass computes nothing");
        Assert.That(next.Targets.Single().Action, Is.EqualTo(TargetAction.Keep));
        Assert.That(next, Is.EqualTo(plain), "remembering changes no decision");
    }

    [Test]
    public async Task StoredValueDiffersFromWhatWasSent_IsInspectedForReal()
    {
        // A mutating webhook (or anything between us and storage) changed the value: the issuer's facts do not apply.
        var (world, generator, memo) = await IssueOnceAsync((w, d) => Stored(w, d, value: [.. d.Value!, (byte)'\n']));
        var remembered = memo.Inspections;

        var next = Reconciler.Reconcile(generator, world.Snapshot(), Now.AddSeconds(1), ReconcileOptions.Default, memo);

        Assert.That((remembered, memo.Inspections), Is.EqualTo((0, 1)));
        Assert.That(next, Is.EqualTo(Reconciler.Reconcile(generator, world.Snapshot(), Now.AddSeconds(1), ReconcileOptions.Default)));
    }

    [Test]
    public async Task ServerAnswerWithoutTheSecret_IsInspectedForReal()
    {
        var (world, generator, memo) = await IssueOnceAsync((w, d) =>
        {
            Stored(w, d);
            return null;
        });

        var remembered = memo.Inspections;

        Reconciler.Reconcile(generator, world.Snapshot(), Now.AddSeconds(1), ReconcileOptions.Default, memo);

        Assert.That((remembered, memo.Inspections), Is.EqualTo((0, 1)));
    }
}
