using System.Text.Json.Nodes;
using KamajiKubeconfig.Reconcile;
using KamajiKubeconfig.Tests.Builders;
using static KamajiKubeconfig.Tests.Triggers.TriggerWorld;

namespace KamajiKubeconfig.Tests.Triggers;

/// <summary>docs/behaviour.md B4: TCP events wake generators that select it before or after, including TCPs that stop matching.</summary>
public class TenantControlPlaneChangeTriggerTests
{
    private static readonly (string, string)[] Gold = [("tier", "gold")];

    private static TriggerWorld World() => new TriggerWorld()
        .Put(Namespace("ns1", ("env", "prod")))
        .Put(new GeneratorBuilder("gold").NamespaceSelector(GeneratorBuilder.Labels(("env", "prod")))
            .TenantControlPlaneSelector(GeneratorBuilder.Labels(("tier", "gold"))).Build())
        .Put(new GeneratorBuilder("silver").NamespaceSelector(GeneratorBuilder.Labels(("env", "prod")))
            .TenantControlPlaneSelector(GeneratorBuilder.Labels(("tier", "silver"))).Build());

    private static void Label(JsonObject document, string key, string value) => document["metadata"]!["labels"]![key] = value;

    [Test]
    public void ForTenantControlPlane_Added_EnqueuesOnlyGeneratorSelectingIt()
    {
        var tcp = Tenant("ns1", "t1", Gold);
        var world = World().Put(tcp);

        var names = world.Triggers.ForTenantControlPlane(null, tcp);

        Assert.That(names, Is.EqualTo(new[] { "gold" }));
    }

    [Test]
    public void ForTenantControlPlane_Deleted_EnqueuesGeneratorThatSelectedIt()
    {
        var tcp = Tenant("ns1", "t1", Gold);
        var world = World();

        var names = world.Triggers.ForTenantControlPlane(tcp, null);

        Assert.That(names, Is.EqualTo(new[] { "gold" }));
    }

    [Test]
    public void ForTenantControlPlane_RelabelledIntoSelector_EnqueuesGenerator()
    {
        var before = Tenant("ns1", "t1");
        var after = Edited(before, d => Label(d, "tier", "gold"));
        var world = World().Put(after);

        var names = world.Triggers.ForTenantControlPlane(before, after);

        Assert.That(names, Is.EqualTo(new[] { "gold" }));
    }

    [Test]
    public void ForTenantControlPlane_RelabelledOutOfSelector_EnqueuesGeneratorThatSelectedIt()
    {
        var before = Tenant("ns1", "t1", Gold);
        var after = Edited(before, d => d["metadata"]!["labels"]!.AsObject().Remove("tier"));
        var world = World().Put(after);

        var names = world.Triggers.ForTenantControlPlane(before, after);

        Assert.That(names, Is.EqualTo(new[] { "gold" }));
    }

    [Test]
    public void ForTenantControlPlane_RelabelledFromOneGeneratorToAnother_EnqueuesBoth()
    {
        var before = Tenant("ns1", "t1", Gold);
        var after = Edited(before, d => Label(d, "tier", "silver"));
        var world = World().Put(after);

        var names = world.Triggers.ForTenantControlPlane(before, after);

        Assert.That(names, Is.EqualTo(new[] { "gold", "silver" }));
    }

    [Test]
    public void ForTenantControlPlane_StatusChangeNoGeneratorReads_EnqueuesNothing()
    {
        var before = Tenant("ns1", "t1", Gold);
        var after = Edited(before, d => d["status"]!["kubernetesResources"]!["version"]!["status"] = "Upgrading");
        var world = World().Put(after);

        var names = world.Triggers.ForTenantControlPlane(before, after);

        Assert.That(names, Is.Empty);
    }

    [Test]
    public void ForTenantControlPlane_LabelChangeThatKeepsSelection_EnqueuesNothing()
    {
        var before = Tenant("ns1", "t1", Gold);
        var after = Edited(before, d => Label(d, "owner", "team-a"));
        var world = World().Put(after);

        var names = world.Triggers.ForTenantControlPlane(before, after);

        Assert.That(names, Is.Empty);
    }

    [Test]
    public void ForTenantControlPlane_AdminSecretNameAppearsInStatus_EnqueuesSelectingGenerator()
    {
        var before = Tenant("ns1", "t1", Gold, d => d["status"]!.AsObject().Remove("kubeconfig"));
        var after = Edited(before, d => d["status"]!["kubeconfig"] = new JsonObject { ["admin"] = new JsonObject { ["secretName"] = "t1-admin-kubeconfig" } });
        var world = World().Put(after);

        var names = world.Triggers.ForTenantControlPlane(before, after);

        Assert.That(names, Is.EqualTo(new[] { "gold" }));
    }

    [Test]
    public void ForTenantControlPlane_CaSecretNameChanged_EnqueuesSelectingGenerator()
    {
        var before = Tenant("ns1", "t1", Gold);
        var after = Edited(before, d => d["status"]!["certificates"]!["ca"]!["secretName"] = "t1-ca-2");
        var world = World().Put(after);

        var names = world.Triggers.ForTenantControlPlane(before, after);

        Assert.That(names, Is.EqualTo(new[] { "gold" }));
    }

    [Test]
    public void ForTenantControlPlane_PauseAnnotationAdded_EnqueuesSelectingGenerator()
    {
        var before = Tenant("ns1", "t1", Gold);
        var after = Edited(before, d => d["metadata"]!["annotations"]![WellKnown.PausedAnnotation] = "");
        var world = World().Put(after);

        var names = world.Triggers.ForTenantControlPlane(before, after);

        Assert.That(names, Is.EqualTo(new[] { "gold" }));
    }

    [Test]
    public void ForTenantControlPlane_PauseAnnotationRemoved_EnqueuesSelectingGenerator()
    {
        var before = Tenant("ns1", "t1", Gold, d => d["metadata"]!["annotations"]![WellKnown.PausedAnnotation] = "true");
        var after = Edited(before, d => d["metadata"]!["annotations"]!.AsObject().Remove(WellKnown.PausedAnnotation));
        var world = World().Put(after);

        var names = world.Triggers.ForTenantControlPlane(before, after);

        Assert.That(names, Is.EqualTo(new[] { "gold" }));
    }

    [Test]
    public void ForTenantControlPlane_FieldReadByUserPathChanged_EnqueuesOnlyGeneratorReadingIt()
    {
        var before = Tenant("ns1", "t1", Gold);
        var after = Edited(before, d => d["spec"]!["dataStore"] = "etcd-2");
        var world = World()
            .Put(new GeneratorBuilder("by-datastore").User(Compound.FromPath("spec.dataStore")).Build())
            .Put(after);

        var names = world.Triggers.ForTenantControlPlane(before, after);

        Assert.That(names, Is.EqualTo(new[] { "by-datastore" }));
    }

    [Test]
    public void ForTenantControlPlane_LabelReadByGroupPathChanged_EnqueuesGenerator()
    {
        var before = Tenant("ns1", "t1", [("tier", "gold"), ("tenant.clastix.io", "acme")]);
        var after = Edited(before, d => Label(d, "tenant.clastix.io", "globex"));
        var world = World()
            .Put(new GeneratorBuilder("by-tenant").Groups(Compound.FromPath("metadata.labels['tenant.clastix.io']")).Build())
            .Put(after);

        var names = world.Triggers.ForTenantControlPlane(before, after);

        Assert.That(names, Is.EqualTo(new[] { "by-tenant" }));
    }

    [Test]
    public void ForTenantControlPlane_PathStartsToResolve_EnqueuesGeneratorSoItsErrorClears()
    {
        var before = Tenant("ns1", "t1", Gold);
        var after = Edited(before, d => d["status"]!["owner"] = "alice");
        var world = World()
            .Put(new GeneratorBuilder("by-owner").User(Compound.FromPath("status.owner")).Build())
            .Put(after);

        var names = world.Triggers.ForTenantControlPlane(before, after);

        Assert.That(names, Is.EqualTo(new[] { "by-owner" }));
    }

    [Test]
    public void ForTenantControlPlane_RecreatedWithNewUid_EnqueuesSelectingGenerator()
    {
        var before = Tenant("ns1", "t1", Gold);
        var after = Edited(before, d => d["metadata"]!["uid"] = "uid-2");
        var world = World().Put(after);

        var names = world.Triggers.ForTenantControlPlane(before, after);

        Assert.That(names, Is.EqualTo(new[] { "gold" }));
    }

    [Test]
    public void ForTenantControlPlane_NamespaceNotSelected_EnqueuesNothing()
    {
        var tcp = Tenant("ns2", "t1", Gold);
        var world = World().Put(Namespace("ns2", ("env", "dev"))).Put(tcp);

        var names = world.Triggers.ForTenantControlPlane(null, tcp);

        Assert.That(names, Is.Empty);
    }

    [Test]
    public void ForTenantControlPlane_NamespaceNotYetCached_EnqueuesGeneratorWhoseTcpSelectorMatches()
    {
        var tcp = Tenant("ns-new", "t1", Gold);
        var world = World().Put(tcp);

        var names = world.Triggers.ForTenantControlPlane(null, tcp);

        Assert.That(names, Is.EqualTo(new[] { "gold" }));
    }

    [Test]
    public void ForTenantControlPlane_PausedGenerator_StillEnqueued()
    {
        var tcp = Tenant("ns1", "t1", Gold);
        var world = new TriggerWorld().Put(Namespace("ns1")).Put(new GeneratorBuilder("paused").Paused().Build()).Put(tcp);

        var names = world.Triggers.ForTenantControlPlane(null, tcp);

        Assert.That(names, Is.EqualTo(new[] { "paused" }));
    }

    [Test]
    public void ForTenantControlPlane_GeneratorWithInvalidSelector_EnqueuesNothing()
    {
        var tcp = Tenant("ns1", "t1", Gold);
        var world = new TriggerWorld().Put(Namespace("ns1"))
            .Put(new GeneratorBuilder("bad").TenantControlPlaneSelector(GeneratorBuilder.Expression("tier", "Exists", "gold")).Build())
            .Put(tcp);

        var names = world.Triggers.ForTenantControlPlane(null, tcp);

        Assert.That(names, Is.Empty);
    }

    [Test]
    public void ForTenantControlPlane_SameObjectRedelivered_EnqueuesNothing()
    {
        var tcp = Tenant("ns1", "t1", Gold);
        var world = World().Put(tcp);

        var names = world.Triggers.ForTenantControlPlane(tcp, tcp);

        Assert.That(names, Is.Empty);
    }
}
