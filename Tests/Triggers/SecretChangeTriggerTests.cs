using System.Collections.Immutable;
using KamajiKubeconfig.Reconcile;
using KamajiKubeconfig.Tests.Builders;
using static KamajiKubeconfig.Tests.Triggers.TriggerWorld;

namespace KamajiKubeconfig.Tests.Triggers;

/// <summary>
/// docs/behaviour.md B4 and B8: Kamaji's admin kubeconfig and CA Secrets wake the generators selecting the TCP whose status names
/// them; generated Secrets wake the generator named by their label, before or after the change.
/// </summary>
public class SecretChangeTriggerTests
{
    private static readonly (string, string) AdminComponent = (WellKnown.ComponentLabel, "admin-kubeconfig");
    private static readonly (string, string) CaComponent = (WellKnown.ComponentLabel, "ca");

    private static TriggerWorld World() => new TriggerWorld()
        .Put(Namespace("ns1", ("env", "prod")))
        .Put(new GeneratorBuilder("gold").NamespaceSelector(GeneratorBuilder.Labels(("env", "prod")))
            .TenantControlPlaneSelector(GeneratorBuilder.Labels(("tier", "gold"))).Build())
        .Put(new GeneratorBuilder("silver").NamespaceSelector(GeneratorBuilder.Labels(("env", "prod")))
            .TenantControlPlaneSelector(GeneratorBuilder.Labels(("tier", "silver"))).Build())
        .Put(Tenant("ns1", "t1", [("tier", "gold")]))
        .Put(Tenant("ns1", "t2", [("tier", "bronze")]));

    private static SecretInfo Generated(string generator, string resourceVersion = "5") =>
        Secret("ns1", $"t1-{generator}", resourceVersion, (WellKnown.ManagedByLabel, generator), (WellKnown.ManagedForLabel, "t1"));

    [Test]
    public void ForSecret_AdminKubeconfigCreated_EnqueuesGeneratorSelectingItsTcp()
    {
        var names = World().Triggers.ForSecret(null, Secret("ns1", "t1-admin-kubeconfig", "3", AdminComponent));

        Assert.That(names, Is.EqualTo(new[] { "gold" }));
    }

    [Test]
    public void ForSecret_AdminKubeconfigChanged_EnqueuesGeneratorSelectingItsTcp()
    {
        var before = Secret("ns1", "t1-admin-kubeconfig", "3", AdminComponent);
        var after = before with { ResourceVersion = "4", Data = before.Data.SetItem("admin.svc", "new endpoint"u8.ToArray()) };

        var names = World().Triggers.ForSecret(before, after);

        Assert.That(names, Is.EqualTo(new[] { "gold" }));
    }

    [Test]
    public void ForSecret_AdminKubeconfigDeleted_EnqueuesGeneratorSelectingItsTcp()
    {
        var names = World().Triggers.ForSecret(Secret("ns1", "t1-admin-kubeconfig", "3", AdminComponent), null);

        Assert.That(names, Is.EqualTo(new[] { "gold" }));
    }

    [Test]
    public void ForSecret_CaRotated_EnqueuesGeneratorSelectingItsTcp()
    {
        var before = Secret("ns1", "t1-ca", "3", CaComponent);
        var after = before with
        {
            ResourceVersion = "9",
            Data = ImmutableDictionary<string, byte[]>.Empty.Add(WellKnown.CaCertificateKey, "new ca"u8.ToArray()).Add(WellKnown.CaPrivateKeyKey, "new key"u8.ToArray()),
        };

        var names = World().Triggers.ForSecret(before, after);

        Assert.That(names, Is.EqualTo(new[] { "gold" }));
    }

    [Test]
    public void ForSecret_CaOfTcpNoGeneratorSelects_EnqueuesNothing()
    {
        var names = World().Triggers.ForSecret(null, Secret("ns1", "t2-ca", "3", CaComponent));

        Assert.That(names, Is.Empty);
    }

    [Test]
    public void ForSecret_ComponentLabelButNoTcpStatusNamesIt_EnqueuesNothing()
    {
        var names = World().Triggers.ForSecret(null, Secret("ns1", "t9-admin-kubeconfig", "3", AdminComponent, (WellKnown.Group + "/name", "t1")));

        Assert.That(names, Is.Empty);
    }

    [Test]
    public void ForSecret_NamedByTcpStatusWithoutComponentLabel_EnqueuesGeneratorSelectingThatTcp()
    {
        var names = World().Triggers.ForSecret(null, Secret("ns1", "t1-ca", "3"));

        Assert.That(names, Is.EqualTo(new[] { "gold" }));
    }

    [Test]
    public void ForSecret_SameNameInAnotherNamespace_EnqueuesNothing()
    {
        var names = World().Triggers.ForSecret(null, Secret("ns2", "t1-ca", "3", CaComponent));

        Assert.That(names, Is.Empty);
    }

    [Test]
    public void ForSecret_ResourceVersionUnchanged_EnqueuesNothing()
    {
        var secret = Secret("ns1", "t1-ca", "3", CaComponent);

        var names = World().Triggers.ForSecret(secret, secret with { });

        Assert.That(names, Is.Empty);
    }

    [Test]
    public void ForSecret_GeneratedSecretCreated_EnqueuesItsGenerator()
    {
        var names = World().Triggers.ForSecret(null, Generated("gold"));

        Assert.That(names, Is.EqualTo(new[] { "gold" }));
    }

    [Test]
    public void ForSecret_GeneratedSecretDeleted_EnqueuesItsGenerator()
    {
        var names = World().Triggers.ForSecret(Generated("gold"), null);

        Assert.That(names, Is.EqualTo(new[] { "gold" }));
    }

    [Test]
    public void ForSecret_GeneratedSecretLabelsRemoved_EnqueuesFormerGenerator()
    {
        var before = Generated("gold");
        var after = before with { ResourceVersion = "6", Labels = SortedMap.Empty };

        var names = World().Triggers.ForSecret(before, after);

        Assert.That(names, Is.EqualTo(new[] { "gold" }));
    }

    [Test]
    public void ForSecret_GeneratedSecretRelabelledToAnotherGenerator_EnqueuesBoth()
    {
        var before = Generated("gold");
        var after = before with { ResourceVersion = "6", Labels = before.Labels.With(WellKnown.ManagedByLabel, "silver") };

        var names = World().Triggers.ForSecret(before, after);

        Assert.That(names, Is.EqualTo(new[] { "gold", "silver" }));
    }

    [Test]
    public void ForSecret_GeneratedSecretAnnotatedForRotation_EnqueuesItsGenerator()
    {
        var before = Generated("gold");
        var after = before with { ResourceVersion = "6", Annotations = SortedMap.Of((WellKnown.RotateAnnotation, "")) };

        var names = World().Triggers.ForSecret(before, after);

        Assert.That(names, Is.EqualTo(new[] { "gold" }));
    }

    [Test]
    public void ForSecret_GeneratedSecretValueCorrupted_EnqueuesItsGenerator()
    {
        var before = Generated("gold");
        var after = before with { ResourceVersion = "6", Data = before.Data.SetItem(WellKnown.ValueKey, "garbage"u8.ToArray()) };

        var names = World().Triggers.ForSecret(before, after);

        Assert.That(names, Is.EqualTo(new[] { "gold" }));
    }

    [Test]
    public void ForSecret_GeneratedSecretOfUnknownGenerator_EnqueuesThatNameForReconcileToDecide()
    {
        var names = World().Triggers.ForSecret(null, Generated("gone"));

        Assert.That(names, Is.EqualTo(new[] { "gone" }));
    }

    [Test]
    public void ForSecret_EmptyManagedByLabel_EnqueuesNothing()
    {
        var names = World().Triggers.ForSecret(null, Secret("ns1", "x", "3", (WellKnown.ManagedByLabel, "")));

        Assert.That(names, Is.Empty);
    }
}
