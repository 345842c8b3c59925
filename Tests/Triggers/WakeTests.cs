using KamajiKubeconfig.Controller.Triggers;
using KamajiKubeconfig.Controller.Workers;
using KamajiKubeconfig.Reconcile;
using KamajiKubeconfig.Tests.Builders;
using static KamajiKubeconfig.Tests.Triggers.TriggerWorld;

namespace KamajiKubeconfig.Tests.Triggers;

/// <summary>
/// Issue 11 (3): triggers say which TCP changed, so a pass re-plans only that one; what concerns more than one TCP
/// (a generator, a namespace, a Secret naming no TCP) asks for a full pass.
/// </summary>
public class WakeTests
{
    private static TriggerWorld World() => new TriggerWorld()
        .Put(Namespace("ns1", ("env", "prod")))
        .Put(new GeneratorBuilder("gold").NamespaceSelector(GeneratorBuilder.Labels(("env", "prod")))
            .TenantControlPlaneSelector(GeneratorBuilder.Labels(("tier", "gold"))).Build())
        .Put(Tenant("ns1", "t1", [("tier", "gold")]));

    private static readonly ObjectRef T1 = new("ns1", "t1");

    [Test]
    public void WakesForTenantControlPlane_Relabelled_WakesForThatTcp() =>
        Assert.That(World().Triggers.WakesForTenantControlPlane(Tenant("ns1", "t1", [("tier", "gold")]), Tenant("ns1", "t1", [("tier", "silver")])),
            Is.EqualTo(new[] { new Wake("gold", T1) }));

    [Test]
    public void WakesForSecret_GeneratedSecret_WakesForTheTcpItIsFor() =>
        Assert.That(World().Triggers.WakesForSecret(Secret("ns1", "t1-gold", "5", (WellKnown.ManagedByLabel, "gold"), (WellKnown.ManagedForLabel, "t1")), null),
            Is.EqualTo(new[] { new Wake("gold", T1) }));

    [Test]
    public void WakesForSecret_ManagedForRemoved_WakesForTheTcpItsNameSays() =>
        Assert.That(World().Triggers.WakesForSecret(null, Secret("ns1", "t1-gold", "5", (WellKnown.ManagedByLabel, "gold"))),
            Is.EqualTo(new[] { new Wake("gold", T1) }));

    [Test]
    public void WakesForSecret_NamingNoTcp_AsksForAFullPass() =>
        Assert.That(World().Triggers.WakesForSecret(null, Secret("ns1", "db-password", "5", (WellKnown.ManagedByLabel, "gold"))),
            Is.EqualTo(new[] { Wake.All("gold") }));

    [Test]
    public void WakesForSecret_CaOfATcp_WakesForThatTcp() =>
        Assert.That(World().Triggers.WakesForSecret(null, Secret("ns1", "t1-ca", "5", (WellKnown.ComponentLabel, "ca"))),
            Is.EqualTo(new[] { new Wake("gold", T1) }));

    [Test]
    public void WakesForNamespace_Relabelled_AsksForAFullPass() =>
        Assert.That(World().Triggers.WakesForNamespace(Namespace("ns1", ("env", "prod")), Namespace("ns1", ("env", "dev"))),
            Is.EqualTo(new[] { Wake.All("gold") }));

    [Test]
    public void DirtyTargets_TcpsThenAll_DrainsAllOnceAndThenNothing()
    {
        var dirty = new DirtyTargets();
        dirty.Mark(new Wake("g", T1));
        dirty.Mark(Wake.All("g"));
        dirty.Mark(new Wake("g", new ObjectRef("ns1", "t2")));

        var first = dirty.Drain("g");
        var second = dirty.Drain("g");

        Assert.That((first, second?.Count), Is.EqualTo(((IReadOnlySet<ObjectRef>?)null, 0)));
    }

    [Test]
    public void DirtyTargets_Tcps_DrainedTogether()
    {
        var dirty = new DirtyTargets();
        dirty.Mark(new Wake("g", T1));
        dirty.Mark(new Wake("g", new ObjectRef("ns1", "t2")));
        dirty.Mark(new Wake("other", T1));

        var drained = dirty.Drain("g");

        Assert.That(drained?.Order(ObjectRef.Order), Is.EqualTo(new[] { T1, new ObjectRef("ns1", "t2") }));
    }

    [Test]
    public void ObjectRefOrder_IsOrdinalOnNamespaceSlashName()
    {
        ObjectRef[] refs = [new("a", "x"), new("a-b", "y"), new("a", "x-1"), new("ab", "a")];

        Assert.That(refs.Order(ObjectRef.Order).Select(r => r.ToString()), Is.EqualTo(refs.Select(r => r.ToString()).Order(StringComparer.Ordinal)));
    }
}
