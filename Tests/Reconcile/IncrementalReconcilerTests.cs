using KamajiKubeconfig.Controller.Workers;
using KamajiKubeconfig.Reconcile;
using KamajiKubeconfig.Tests.Builders;

namespace KamajiKubeconfig.Tests.Reconcile;

/// <summary>
/// Issue 11 (3): a pass that re-plans only the TCPs that changed gives exactly the plan a full pass gives (targets,
/// deletes, status), as long as every change is reported; and it plans only those TCPs.
/// </summary>
public class IncrementalReconcilerTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static Generator Gold(GeneratorStatus? status = null) => new GeneratorBuilder("g")
        .TenantControlPlaneSelector(GeneratorBuilder.Expression("tier", "In", "gold"))
        .Validity("72h")
        .Status(status)
        .Build();

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    [TestCase(5)]
    public void Reconcile_RandomChangesReported_EqualsAFullPass(int seed)
    {
        var random = new Random(seed);
        var world = new TestWorld();
        for (var i = 0; i < 12; i++)
        {
            world.Tenant($"ns{i % 3}", $"t{i}", labels: [("tier", i % 4 == 0 ? "silver" : "gold")]);
        }
        var now = Start;
        // Transparent (it returns what the computation would); shared only to keep the test fast.
        var memo = new BoundedValidityMemo(10_000);
        var plan = world.Reconcile(Gold(), now);
        world.Apply(plan);

        for (var step = 0; step < 40; step++)
        {
            var changed = new HashSet<ObjectRef>();
            Change(world, random, changed, ref now);
            var generator = Gold(plan.Status);

            var full = Reconciler.Reconcile(generator, world.Snapshot(), now, ReconcileOptions.Default, memo);
            var incremental = IncrementalReconciler.Reconcile(generator, world.Snapshot(), now, ReconcileOptions.Default, memo, plan, changed);

            Assert.Multiple(() =>
            {
                Assert.That(incremental.Targets, Is.EqualTo(full.Targets), $"seed {seed}, step {step}: targets");
                Assert.That(incremental.Deletes, Is.EqualTo(full.Deletes), $"seed {seed}, step {step}: deletes");
                Assert.That(incremental.Status, Is.EqualTo(full.Status), $"seed {seed}, step {step}: status");
                Assert.That(incremental.RequeueAt, Is.EqualTo(full.RequeueAt), $"seed {seed}, step {step}: requeue");
            });
            world.Apply(incremental);
            plan = incremental;
        }
    }

    /// <summary>One random change, recording the TCP it concerns as the triggers would.</summary>
    private static void Change(TestWorld world, Random random, HashSet<ObjectRef> changed, ref DateTimeOffset now)
    {
        var i = random.Next(14);
        var ns = $"ns{i % 3}";
        var name = $"t{i}";
        var tenant = new ObjectRef(ns, name);
        switch (random.Next(7))
        {
            case 0:
                world.Tenant(ns, name, labels: [("tier", random.Next(2) == 0 ? "gold" : "silver")]);
                changed.Add(tenant);
                break;
            case 1:
                world.RemoveTenant(ns, name);
                changed.Add(tenant);
                break;
            case 2 when world.Secret(ns, $"{name}-g") is not null:
                world.Remove(ns, $"{name}-g");
                changed.Add(tenant);
                break;
            case 3 when world.Secret(ns, $"{name}-g") is not null:
                world.Edit(ns, $"{name}-g", s => s with { Labels = s.Labels.Without(WellKnown.LifecycleLabel) });
                changed.Add(tenant);
                break;
            case 4 when world.Secret(ns, $"{name}-ca") is not null:
                world.PutCa(ns, name, TestPki.Ca($"rotated-{random.Next(2)}"));
                changed.Add(tenant);
                break;
            case 5:
                // Time alone: renewals come due without any event.
                now = now.AddHours(random.Next(1, 30));
                break;
            default:
                // An event that changes nothing that matters.
                changed.Add(tenant);
                break;
        }
    }

    [Test]
    public void Reconcile_OneTcpChanged_PlansOnlyThatTcp()
    {
        var world = new TestWorld();
        for (var i = 0; i < 50; i++)
        {
            world.Tenant("ns", $"t{i:D2}", labels: [("tier", "gold")]);
        }
        var plan = world.Reconcile(Gold(), Start);
        world.Apply(plan);
        plan = world.Reconcile(Gold(plan.Status), Start);
        world.Apply(plan);
        world.Remove("ns", "t07-g");
        var memo = new LookupCounter();

        var next = IncrementalReconciler.Reconcile(Gold(plan.Status), world.Snapshot(), Start, ReconcileOptions.Default, memo, plan,
            new HashSet<ObjectRef> { new("ns", "t07") });

        Assert.Multiple(() =>
        {
            Assert.That(next.Targets.Single(t => t.Action != TargetAction.Keep).TenantControlPlane, Is.EqualTo(new ObjectRef("ns", "t07")));
            Assert.That(memo.Lookups, Is.LessThanOrEqualTo(2), "only the changed TCP's template and CA are looked up");
        });
    }

    [Test]
    public void Reconcile_SpecChangedSinceThePreviousPlan_FallsBackToAFullPass()
    {
        var world = new TestWorld().Tenant("ns", "t", labels: [("tier", "gold")]);
        var plan = world.Reconcile(Gold(), Start);
        world.Apply(plan);
        var changedSpec = new GeneratorBuilder("g").TenantControlPlaneSelector(GeneratorBuilder.Expression("tier", "In", "gold"))
            .User(Compound.Static("alice")).Status(plan.Status).Build();

        var next = IncrementalReconciler.Reconcile(changedSpec, world.Snapshot(), Start, ReconcileOptions.Default, null, plan, new HashSet<ObjectRef>());

        Assert.That(next.Targets.Single().Reason, Is.EqualTo(IssueReason.IdentityChanged));
    }

    [Test]
    public void Reconcile_TcpNotReportedChanged_IsCarriedOver()
    {
        // The flip side of the contract: a change nobody reports is not seen (so the triggers must report every one).
        var world = new TestWorld().Tenant("ns", "t", labels: [("tier", "gold")]);
        var plan = world.Reconcile(Gold(), Start);
        world.Apply(plan);
        plan = world.Reconcile(Gold(plan.Status), Start);
        world.Remove("ns", "t-g");

        var next = IncrementalReconciler.Reconcile(Gold(plan.Status), world.Snapshot(), Start, ReconcileOptions.Default, null, plan, new HashSet<ObjectRef>());

        Assert.That(next.Targets.Single().Action, Is.EqualTo(TargetAction.Keep));
    }

    /// <summary>Counts every memo lookup: one per parse a full pass would make for a TCP.</summary>
    private sealed class LookupCounter : IValidityMemo
    {
        public int Lookups { get; private set; }

        public T GetOrAdd<T>(object key, Func<T> compute)
            where T : notnull
        {
            Lookups++;
            return compute();
        }
    }
}
