using KamajiKubeconfig.Tests.Builders;
using static KamajiKubeconfig.Tests.Triggers.TriggerWorld;

namespace KamajiKubeconfig.Tests.Triggers;

/// <summary>docs/behaviour.md B4: namespace label changes wake every generator that matched before or after.</summary>
public class NamespaceChangeTriggerTests
{
    private static readonly (string, string)[] Prod = [("env", "prod")];
    private static readonly (string, string)[] Dev = [("env", "dev")];

    private static TriggerWorld WorldWithTenantIn(string ns) => new TriggerWorld()
        .Put(new GeneratorBuilder("prod-gen").NamespaceSelector(GeneratorBuilder.Labels(("env", "prod"))).Build())
        .Put(new GeneratorBuilder("dev-gen").NamespaceSelector(GeneratorBuilder.Labels(("env", "dev"))).Build())
        .Put(new GeneratorBuilder("staging-gen").NamespaceSelector(GeneratorBuilder.Labels(("env", "staging"))).Build())
        .Put(Tenant(ns, "t1"));

    [Test]
    public void ForNamespace_RelabelledIntoSelector_EnqueuesGeneratorThatNowMatches()
    {
        var world = WorldWithTenantIn("ns1").Put(Namespace("ns1", Prod));

        var names = world.Triggers.ForNamespace(Namespace("ns1"), Namespace("ns1", Prod));

        Assert.That(names, Is.EqualTo(new[] { "prod-gen" }));
    }

    [Test]
    public void ForNamespace_RelabelledOutOfSelector_EnqueuesGeneratorThatMatchedBefore()
    {
        var world = WorldWithTenantIn("ns1").Put(Namespace("ns1"));

        var names = world.Triggers.ForNamespace(Namespace("ns1", Prod), Namespace("ns1"));

        Assert.That(names, Is.EqualTo(new[] { "prod-gen" }));
    }

    [Test]
    public void ForNamespace_RelabelMovesItsTcpFromOneSelectorToAnother_EnqueuesBothGeneratorsSorted()
    {
        var world = WorldWithTenantIn("ns1").Put(Namespace("ns1", Dev));

        var names = world.Triggers.ForNamespace(Namespace("ns1", Prod), Namespace("ns1", Dev));

        Assert.That(names, Is.EqualTo(new[] { "dev-gen", "prod-gen" }));
    }

    [Test]
    public void ForNamespace_LabelsUnchanged_EnqueuesNothing()
    {
        var world = WorldWithTenantIn("ns1").Put(Namespace("ns1", Prod));

        var names = world.Triggers.ForNamespace(Namespace("ns1", Prod), Namespace("ns1", Prod));

        Assert.That(names, Is.Empty);
    }

    [Test]
    public void ForNamespace_OtherLabelChangedWhileMatching_EnqueuesMatchingGenerator()
    {
        var world = WorldWithTenantIn("ns1").Put(Namespace("ns1", ("env", "prod"), ("team", "b")));

        var names = world.Triggers.ForNamespace(Namespace("ns1", ("env", "prod"), ("team", "a")), Namespace("ns1", ("env", "prod"), ("team", "b")));

        Assert.That(names, Is.EqualTo(new[] { "prod-gen" }));
    }

    [Test]
    public void ForNamespace_WithoutTenantControlPlanes_EnqueuesNothing()
    {
        var world = WorldWithTenantIn("other").Put(Namespace("ns1", Prod));

        var names = world.Triggers.ForNamespace(Namespace("ns1"), Namespace("ns1", Prod));

        Assert.That(names, Is.Empty);
    }

    [Test]
    public void ForNamespace_AddedAfterItsTcpWasCached_EnqueuesMatchingGenerator()
    {
        var world = WorldWithTenantIn("ns1").Put(Namespace("ns1", Prod));

        var names = world.Triggers.ForNamespace(null, Namespace("ns1", Prod));

        Assert.That(names, Is.EqualTo(new[] { "prod-gen" }));
    }

    [Test]
    public void ForNamespace_DeletedWhileTcpStillCached_EnqueuesGeneratorThatMatchedIt()
    {
        var world = WorldWithTenantIn("ns1").RemoveNamespace("ns1");

        var names = world.Triggers.ForNamespace(Namespace("ns1", Dev), null);

        Assert.That(names, Is.EqualTo(new[] { "dev-gen" }));
    }

    [Test]
    public void ForNamespace_GeneratorWithoutNamespaceSelector_EnqueuedForAnyRelabel()
    {
        var world = new TriggerWorld().Put(new GeneratorBuilder("all").Build()).Put(Tenant("ns1", "t1")).Put(Namespace("ns1", Dev));

        var names = world.Triggers.ForNamespace(Namespace("ns1"), Namespace("ns1", Dev));

        Assert.That(names, Is.EqualTo(new[] { "all" }));
    }

    [Test]
    public void ForNamespace_TcpSelectorMatchesNoTcpThere_StillEnqueuesGenerator()
    {
        // Decided: the TCP cache may lag a concurrent TCP relabel, so the namespace side does not second-guess it.
        var world = new TriggerWorld()
            .Put(new GeneratorBuilder("gold").NamespaceSelector(GeneratorBuilder.Labels(("env", "prod")))
                .TenantControlPlaneSelector(GeneratorBuilder.Labels(("tier", "gold"))).Build())
            .Put(Tenant("ns1", "t1", [("tier", "silver")]))
            .Put(Namespace("ns1", Prod));

        var names = world.Triggers.ForNamespace(Namespace("ns1"), Namespace("ns1", Prod));

        Assert.That(names, Is.EqualTo(new[] { "gold" }));
    }

    [Test]
    public void ForNamespace_PausedGenerator_StillEnqueued()
    {
        var world = new TriggerWorld()
            .Put(new GeneratorBuilder("paused").NamespaceSelector(GeneratorBuilder.Labels(("env", "prod"))).Paused().Build())
            .Put(Tenant("ns1", "t1"))
            .Put(Namespace("ns1"));

        var names = world.Triggers.ForNamespace(Namespace("ns1", Prod), Namespace("ns1"));

        Assert.That(names, Is.EqualTo(new[] { "paused" }));
    }

    [Test]
    public void ForNamespace_GeneratorWithInvalidNamespaceSelector_EnqueuesNothing()
    {
        var world = new TriggerWorld()
            .Put(new GeneratorBuilder("bad").NamespaceSelector(GeneratorBuilder.Expression("env", "In")).Build())
            .Put(Tenant("ns1", "t1"))
            .Put(Namespace("ns1", Prod));

        var names = world.Triggers.ForNamespace(Namespace("ns1"), Namespace("ns1", Prod));

        Assert.That(names, Is.Empty);
    }

    [Test]
    public void ForNamespace_GeneratorWithInvalidTcpSelector_EnqueuesNothing()
    {
        var world = new TriggerWorld()
            .Put(new GeneratorBuilder("bad").TenantControlPlaneSelector(GeneratorBuilder.Labels(("tier", "not a label value"))).Build())
            .Put(Tenant("ns1", "t1"))
            .Put(Namespace("ns1", Prod));

        var names = world.Triggers.ForNamespace(Namespace("ns1"), Namespace("ns1", Prod));

        Assert.That(names, Is.Empty);
    }
}
