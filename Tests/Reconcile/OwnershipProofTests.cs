using System.Collections.Immutable;
using KamajiKubeconfig.Reconcile;
using KamajiKubeconfig.Tests.Builders;

namespace KamajiKubeconfig.Tests.Reconcile;

/// <summary>
/// Issue 14 (6) and issue 10 (7): deleting needs at least the proof of ownership writing needs, and a Secret that
/// is provably ours (managed-by plus a controller reference to this very TCP) is repaired, not refused, when it
/// lost its managed-for label or had it pointed at another TCP (docs/behaviour.md B3, B7).
/// </summary>
public class OwnershipProofTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Generator Default = new GeneratorBuilder("g").Build();

    private static SecretInfo Labelled(string name, string? managedFor, params OwnerReference[] owners) => new(
        "ns", name, "", managedFor is null ? SortedMap.Of((WellKnown.ManagedByLabel, "g")) : SortedMap.Of((WellKnown.ManagedByLabel, "g"), (WellKnown.ManagedForLabel, managedFor)),
        SortedMap.Empty, owners.ToEquatableList(), ImmutableDictionary<string, byte[]>.Empty);

    private static OwnerReference ControlledBy(string kind, string name, string apiVersion = "v1") => new(apiVersion, kind, name, $"uid-{name}", true, true);

    [Test]
    public void Reconcile_SecretControlledByAnotherController_IsNotPrunedButReported()
    {
        var world = new TestWorld().Tenant("ns", "t");
        world.Put(Labelled("gone-g", "gone", ControlledBy("ConfigMap", "cm")));

        var plan = world.Reconcile(Default, Now);

        Assert.Multiple(() =>
        {
            Assert.That(plan.Deletes, Is.Empty);
            Assert.That(plan.Status!.Errors.Single(e => e.Resource == "ns/gone-g").Message,
                Does.Contain("is controlled by ConfigMap \"cm\": refusing to delete it"));
            Assert.That((plan.Status.Resources, plan.Status.AvailableResources), Is.EqualTo((1, 1)));
        });
    }

    [TestCase("db-password", null)]
    [TestCase("db-password", "db")]
    [TestCase("other-g", "gone")]
    public void Reconcile_LabelledSecretNotNamedAfterATcpAndTheGenerator_IsNotPruned(string name, string? managedFor)
    {
        var world = new TestWorld().Tenant("ns", "t");
        world.Put(Labelled(name, managedFor));

        var plan = world.Reconcile(Default, Now);

        Assert.Multiple(() =>
        {
            Assert.That(plan.Deletes, Is.Empty);
            Assert.That(plan.Status!.Errors.Single(e => e.Resource == $"ns/{name}").Message, Does.Contain("refusing to delete it"));
        });
    }

    [Test]
    public void Reconcile_OurOrphanControlledByItsTcp_IsPruned()
    {
        var world = new TestWorld().Tenant("ns", "t");
        world.Put(Labelled("gone-g", "gone", ControlledBy("TenantControlPlane", "gone", WellKnown.ApiVersion)));

        Assert.That(world.Reconcile(Default, Now).Deletes, Is.EqualTo(EquatableList.Of(new ObjectRef("ns", "gone-g"))));
    }

    [Test]
    public void Reconcile_OurOrphanWithoutManagedForButControlledByItsTcp_IsPruned()
    {
        var world = new TestWorld().Tenant("ns", "t");
        world.Put(Labelled("gone-g", null, ControlledBy("TenantControlPlane", "gone", WellKnown.ApiVersion)));

        Assert.That(world.Reconcile(Default, Now).Deletes, Is.EqualTo(EquatableList.Of(new ObjectRef("ns", "gone-g"))));
    }

    [Test]
    public void Reconcile_GeneratorDeleting_LeavesForeignControlledSecretsAndReleasesTheFinalizer()
    {
        var world = new TestWorld().Tenant("ns", "t");
        world.Put(Labelled("gone-g", "gone", ControlledBy("ConfigMap", "cm")));

        var plan = world.Reconcile(new GeneratorBuilder("g").Deleting().Build(), Now);

        Assert.That((plan.Deletes.Count, plan.RemoveFinalizer), Is.EqualTo((0, true)));
    }

    [TestCase(null)]
    [TestCase("other")]
    [TestCase("")]
    public void Reconcile_OurSecretLostOrMislabelledManagedFor_IsRepairedWithoutReissuing(string? managedFor)
    {
        var world = new TestWorld().Tenant("ns", "t").Tenant("ns", "other");
        world.Apply(world.Reconcile(Default, Now));
        world.Edit("ns", "t-g", s => s with
        {
            Labels = managedFor is null ? s.Labels.Without(WellKnown.ManagedForLabel) : s.Labels.With(WellKnown.ManagedForLabel, managedFor),
        });

        var plan = world.Reconcile(Default, Now);
        var target = plan.Targets.Single(t => t.SecretRef.Name == "t-g");

        Assert.Multiple(() =>
        {
            Assert.That(plan.Deletes, Is.Empty);
            Assert.That((target.Action, target.Error), Is.EqualTo((TargetAction.Repair, (string?)null)));
            Assert.That(target.Secret!.Labels[WellKnown.ManagedForLabel], Is.EqualTo("t"));
        });
    }

    [Test]
    public void Reconcile_ManagedForMissingAndOwnedByAnotherTcp_IsStillRefused()
    {
        var world = new TestWorld().Tenant("ns", "t");
        world.Apply(world.Reconcile(Default, Now));
        world.Edit("ns", "t-g", s => s with
        {
            Labels = s.Labels.Without(WellKnown.ManagedForLabel),
            OwnerReferences = EquatableList.Of(new OwnerReference(WellKnown.ApiVersion, "TenantControlPlane", "t", "uid-of-an-older-t", true, true)),
        });

        var target = world.Reconcile(Default, Now).Targets.Single();

        Assert.That((target.Action, target.Error), Is.EqualTo((TargetAction.Hold,
            (string?)"the \"ns/t-g\" Secret already exists and is not managed by this generator for this TenantControlPlane: refusing to overwrite it")));
    }

    [Test]
    public void Reconcile_ManagedForMissingWithoutAnyOwner_IsStillRefused()
    {
        var world = new TestWorld().Tenant("ns", "t");
        world.Put(Labelled("t-g", null));

        Assert.That(world.Reconcile(Default, Now).Targets.Single().Action, Is.EqualTo(TargetAction.Hold));
    }
}
