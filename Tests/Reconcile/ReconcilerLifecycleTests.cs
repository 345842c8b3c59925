using KamajiKubeconfig.Reconcile;
using KamajiKubeconfig.Tests.Builders;

namespace KamajiKubeconfig.Tests.Reconcile;

/// <summary>docs/behaviour.md A1 pause, B3 finalizer, B11 conditions, B12 pause on TCP/Secret, scenarios C9, C10, C12.</summary>
public class ReconcilerLifecycleTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Generator Default = new GeneratorBuilder("g").Build();

    private static TestWorld Issued()
    {
        var world = new TestWorld().Tenant("ns", "t").Tenant("ns", "u");
        world.Apply(world.Reconcile(Default, Now));
        return world;
    }

    [Test]
    public void Reconcile_PausedGenerator_WritesNothingNotEvenStatus()
    {
        var world = Issued();
        world.Remove("ns", "t-g");

        var plan = world.Reconcile(new GeneratorBuilder("g").Paused().Build(), Now);

        Assert.That(plan, Is.EqualTo(new ReconcilePlan("g", PlanMode.Paused, false, false, EquatableList<TargetPlan>.Empty,
            EquatableList<ObjectRef>.Empty, null, null)));
    }

    [Test]
    public void Reconcile_PausedTcpNeedingACertificate_IsHeldWithAnError()
    {
        var world = Issued();
        world.Remove("ns", "t-g");
        world.Tenant("ns", "t", edit: d => d["metadata"]!["annotations"] = new System.Text.Json.Nodes.JsonObject { [WellKnown.PausedAnnotation] = "" });

        var target = world.Reconcile(Default, Now).Targets[0];

        Assert.That(target.Action, Is.EqualTo(TargetAction.Hold));
        Assert.That(target.Error, Is.EqualTo("the TenantControlPlane is paused (kamaji.clastix.io/paused): it needs a new certificate (Missing) but is left as it is"));
    }

    [Test]
    public void Reconcile_PausedTcpWithValidSecret_IsAvailableAndNotRepaired()
    {
        var world = Issued();
        world.Edit("ns", "t-g", s => s with { Labels = s.Labels.Without(WellKnown.LifecycleLabel) });
        world.Tenant("ns", "t", edit: d => d["metadata"]!["annotations"] = new System.Text.Json.Nodes.JsonObject { [WellKnown.PausedAnnotation] = "" });

        var target = world.Reconcile(Default, Now).Targets[0];

        Assert.That((target.Action, target.IsAvailable), Is.EqualTo((TargetAction.Keep, true)));
    }

    [Test]
    public void Reconcile_PausedSecretNeedingRotation_IsHeld()
    {
        var world = Issued();
        world.Edit("ns", "t-g", s => s with
        {
            Annotations = s.Annotations.With(WellKnown.PausedAnnotation, "").With(WellKnown.RotateAnnotation, ""),
        });

        var target = world.Reconcile(Default, Now).Targets[0];

        Assert.That(target.Error, Is.EqualTo(
            "the \"ns/t-g\" Secret is paused (kamaji.clastix.io/paused): it needs a new certificate (RotationRequested) but is left as it is"));
    }

    [Test]
    public void Reconcile_PausedSecretOutOfSelection_IsNotPruned()
    {
        var world = Issued();
        world.Edit("ns", "u-g", s => s with { Annotations = s.Annotations.With(WellKnown.PausedAnnotation, "") });
        world.RemoveTenant("ns", "u");
        world.RemoveTenant("ns", "t");

        Assert.That(world.Reconcile(Default, Now).Deletes, Is.EqualTo(EquatableList.Of(new ObjectRef("ns", "t-g"))));
    }

    [Test]
    public void Reconcile_GeneratorWithoutFinalizer_AddsIt()
    {
        var plan = new TestWorld().Tenant("ns", "t").Reconcile(new GeneratorBuilder("g").WithoutFinalizer().Build(), Now);

        Assert.That((plan.AddFinalizer, plan.RemoveFinalizer), Is.EqualTo((true, false)));
    }

    [Test]
    public void Reconcile_DeletingGenerator_DeletesAllItsSecretsEvenPausedOnes()
    {
        var world = Issued();
        world.Edit("ns", "u-g", s => s with { Annotations = s.Annotations.With(WellKnown.PausedAnnotation, "") });

        var plan = world.Reconcile(new GeneratorBuilder("g").Deleting().Build(), Now);

        Assert.That(plan.Mode, Is.EqualTo(PlanMode.Finalizing));
        Assert.That(plan.Deletes, Is.EqualTo(EquatableList.Of(new ObjectRef("ns", "t-g"), new ObjectRef("ns", "u-g"))));
        Assert.That((plan.RemoveFinalizer, plan.Status), Is.EqualTo((false, (GeneratorStatus?)null)));
    }

    [Test]
    public void Reconcile_DeletingGeneratorWithNoSecretsLeft_ReleasesTheFinalizer()
    {
        var world = Issued();
        var deleting = new GeneratorBuilder("g").Deleting().Build();
        world.Apply(world.Reconcile(deleting, Now));

        var plan = world.Reconcile(deleting, Now);

        Assert.That((plan.Deletes.Count, plan.RemoveFinalizer), Is.EqualTo((0, true)));
    }

    [Test]
    public void Reconcile_TwoGenerators_HaveIndependentSecretsAndStatus()
    {
        var world = new TestWorld().Tenant("ns", "t");
        var first = new GeneratorBuilder("first").Build();
        var second = new GeneratorBuilder("second").User(Compound.Static("bob")).Build();
        world.Apply(world.Reconcile(first, Now));
        world.Apply(world.Reconcile(second, Now));

        world.Remove("ns", "t-second");
        var firstPlan = world.Reconcile(first, Now);
        var secondPlan = world.Reconcile(second, Now);

        Assert.That(firstPlan.Targets.Single().Action, Is.EqualTo(TargetAction.Keep));
        Assert.That(firstPlan.Deletes, Is.Empty);
        Assert.That(secondPlan.Targets.Single().SecretRef, Is.EqualTo(new ObjectRef("ns", "t-second")));
        Assert.That(secondPlan.Targets.Single().Reason, Is.EqualTo(IssueReason.Missing));
    }

    [Test]
    public void Reconcile_UnchangedStatus_NeedsNoWriteAndKeepsTransitionTime()
    {
        var world = Issued();
        var firstStatus = world.Reconcile(Default, Now).Status;

        var later = world.Reconcile(new GeneratorBuilder("g").Status(firstStatus).Build(), Now.AddHours(3));

        Assert.That(later.StatusChanged, Is.False);
        Assert.That(later.Status!.Conditions[0].LastTransitionTime, Is.EqualTo(Now));
    }

    [Test]
    public void Reconcile_ReadyFlips_MovesTransitionTime()
    {
        var world = Issued();
        var firstStatus = world.Reconcile(Default, Now).Status;
        world.Remove("ns", "t-admin-kubeconfig");

        var later = world.Reconcile(new GeneratorBuilder("g").Status(firstStatus).Build(), Now.AddHours(3).AddMilliseconds(250));

        Assert.That(later.StatusChanged, Is.True);
        Assert.That(later.Status!.Conditions[0], Has.Property("Status").EqualTo("False").And.Property("LastTransitionTime").EqualTo(Now.AddHours(3)));
    }

    [Test]
    public void Reconcile_NewGeneration_IsObserved()
    {
        var world = Issued();
        var firstStatus = world.Reconcile(Default, Now).Status;

        var plan = world.Reconcile(new GeneratorBuilder("g").Generation(2).Status(firstStatus).Build(), Now);

        Assert.That((plan.StatusChanged, plan.Status!.ObservedGeneration, plan.Status.Conditions[0].ObservedGeneration), Is.EqualTo((true, 2L, 2L)));
    }

    [Test]
    public void WithIssueFailures_FailedTarget_BecomesAnErrorAndStatusIsRecounted()
    {
        var world = new TestWorld().Tenant("ns", "t").Tenant("ns", "u");
        var plan = world.Reconcile(Default, Now);

        var failed = plan.WithIssueFailures(Default, new Dictionary<ObjectRef, string> { [new ObjectRef("ns", "u")] = "boom" }, Now);

        Assert.That(failed.Targets.Select(t => t.Action), Is.EqualTo(new[] { TargetAction.Issue, TargetAction.Hold }));
        Assert.That(failed.Status!.Errors, Is.EqualTo(EquatableList.Of(
            new StatusError("ns/u", "an error occurred generating the \"ns/u-g\" Secret: boom"))));
        Assert.That(failed.Status.AvailableResources, Is.EqualTo(1));
    }

    [Test]
    public void WithIssueFailures_OnExistingSecret_SaysRegenerating()
    {
        var world = Issued();
        var generator = new GeneratorBuilder("g").User(Compound.Static("new-user")).Build();
        var plan = world.Reconcile(generator, Now);

        var failed = plan.WithIssueFailures(generator, new Dictionary<ObjectRef, string> { [new ObjectRef("ns", "t")] = "boom" }, Now);

        Assert.That(failed.Targets[0].Error, Is.EqualTo("an error occurred regenerating the \"ns/t-g\" Secret: boom"));
    }
}
