using KamajiKubeconfig.Reconcile;
using KamajiKubeconfig.Tests.Builders;

namespace KamajiKubeconfig.Tests.Reconcile;

/// <summary>
/// A pass over many TCPs plans them on every core (<see cref="Reconciler.ParallelFrom"/>): the plan must be exactly the
/// one planning each TCP in turn gives, in the same order, whatever state each TCP is in.
/// </summary>
public class ParallelPlanningTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void Reconcile_ManyTenantsInMixedStates_EqualsPlanningEachInTurn()
    {
        var world = new TestWorld();
        var count = Reconciler.ParallelFrom * 3;
        for (var i = 0; i < count; i++)
        {
            world.Tenant($"ns-{i % 7}", $"t-{i:D3}");
        }
        var generator = new GeneratorBuilder("g").Build();
        world.Apply(world.Reconcile(generator, Now));
        // Every fifth TCP gets a broken CA, every seventh loses its kubeconfig, every eleventh has a foreign Secret's name taken.
        for (var i = 0; i < count; i += 5)
        {
            world.Edit($"ns-{i % 7}", $"t-{i:D3}-ca", s => s with { Data = s.Data.SetItem("ca.crt", "junk"u8.ToArray()) });
        }
        for (var i = 3; i < count; i += 7)
        {
            world.Remove($"ns-{i % 7}", $"t-{i:D3}-g");
        }
        var view = world.Snapshot();
        var settings = GeneratorSettings.Resolve(generator.Spec, ReconcileOptions.Default, out _)!;

        var plan = Reconciler.Reconcile(generator, view, Now, ReconcileOptions.Default);

        var selected = TargetSelector.Select(generator.Spec, view, out _)!;
        var oneByOne = selected.Select(tcp => Reconciler.PlanOne(generator, tcp, view, settings, Now, NoValidityMemo.Instance)).ToList();
        Assert.That(plan.Targets.Count, Is.EqualTo(count));
        Assert.That(plan.Targets, Is.EqualTo(oneByOne));
        Assert.That(plan.Targets.Count(t => t.Action == TargetAction.Issue), Is.GreaterThan(0));
        Assert.That(plan.Targets.Count(t => t.Error is not null), Is.GreaterThan(0));
        Assert.That(plan, Is.EqualTo(Reconciler.Reconcile(generator, view, Now, ReconcileOptions.Default)));
    }
}
