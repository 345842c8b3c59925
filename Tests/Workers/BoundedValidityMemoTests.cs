using KamajiKubeconfig.Controller.Workers;
using KamajiKubeconfig.Reconcile;
using KamajiKubeconfig.Tests.Builders;

namespace KamajiKubeconfig.Tests.Workers;

/// <summary>docs/behaviour.md B5: inspections are remembered per Secret resourceVersion and inputs, and never change a plan.</summary>
public class BoundedValidityMemoTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly KubeconfigCluster Cluster = new("c", "https://x", null, null, null, false);

    private static ValidityKey Key(string rv, string caRv = "1") =>
        new(new ObjectRef("ns", "s"), rv, new ObjectRef("ns", "ca"), caRv, Cluster, "g", new Identity("u", EquatableList<string>.Empty), KeyAlgorithm.Rsa2048);

    private static readonly KubeconfigFacts Facts = new(null, Now, Now.AddDays(1));

    [Test]
    public void GetOrAdd_SameKey_InspectsOnce()
    {
        var memo = new BoundedValidityMemo(10);
        var calls = 0;

        memo.GetOrAdd(Key("5"), () => { calls++; return Facts; });
        memo.GetOrAdd(Key("5"), () => { calls++; return Facts; });

        Assert.That(calls, Is.EqualTo(1));
    }

    [TestCase("6", "1")]
    [TestCase("5", "2")]
    public void GetOrAdd_SecretOrCaChanged_InspectsAgain(string rv, string caRv)
    {
        var memo = new BoundedValidityMemo(10);
        var calls = 0;
        memo.GetOrAdd(Key("5"), () => { calls++; return Facts; });

        memo.GetOrAdd(Key(rv, caRv), () => { calls++; return Facts; });

        Assert.That(calls, Is.EqualTo(2));
    }

    [Test]
    public void GetOrAdd_WithoutResourceVersion_NeverRemembers()
    {
        var memo = new BoundedValidityMemo(10);

        memo.GetOrAdd(Key(""), () => Facts);

        Assert.That(memo.Count, Is.Zero);
    }

    [Test]
    public void GetOrAdd_AtCapacity_StartsOver()
    {
        var memo = new BoundedValidityMemo(3);
        foreach (var rv in new[] { "1", "2", "3", "4" })
        {
            memo.GetOrAdd(Key(rv), () => Facts);
        }

        Assert.That(memo.Count, Is.EqualTo(1));
    }

    [Test]
    public void Reconcile_WithMemo_SecondPassInspectsNothingAndPlansTheSame()
    {
        var world = new TestWorld().Tenant("ns", "a").Tenant("ns", "b");
        var generator = new GeneratorBuilder("g").Build();
        world.Apply(world.Reconcile(generator, Now));
        var memo = new CountingMemo(new BoundedValidityMemo(100));

        var first = Reconciler.Reconcile(generator, world.Snapshot(), Now, ReconcileOptions.Default, memo);
        var inspectionsAfterFirst = memo.Inspections;
        var second = Reconciler.Reconcile(generator, world.Snapshot(), Now.AddHours(1), ReconcileOptions.Default, memo);
        var plain = Reconciler.Reconcile(generator, world.Snapshot(), Now.AddHours(1), ReconcileOptions.Default);

        Assert.That((inspectionsAfterFirst, memo.Inspections), Is.EqualTo((2, 2)));
        Assert.That(first.Targets.Select(t => t.Action), Is.EqualTo(new[] { TargetAction.Keep, TargetAction.Keep }));
        Assert.That(second, Is.EqualTo(plain));
    }

    [Test]
    public void Reconcile_WithMemo_StillRenewsOnTime()
    {
        var world = new TestWorld().Tenant("ns", "a");
        var generator = new GeneratorBuilder("g").Build();
        world.Apply(world.Reconcile(generator, Now));
        var memo = new BoundedValidityMemo(100);
        Reconciler.Reconcile(generator, world.Snapshot(), Now, ReconcileOptions.Default, memo);

        var late = Reconciler.Reconcile(generator, world.Snapshot(), Now.AddDays(365), ReconcileOptions.Default, memo);

        Assert.That(late.Targets[0].Reason, Is.EqualTo(IssueReason.Expiring));
    }
}
