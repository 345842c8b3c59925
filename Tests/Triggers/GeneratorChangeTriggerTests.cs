using KamajiKubeconfig.Reconcile;
using KamajiKubeconfig.Tests.Builders;

namespace KamajiKubeconfig.Tests.Triggers;

/// <summary>Generator add / update / delete: the generator itself, except for status-only updates.</summary>
public class GeneratorChangeTriggerTests
{
    private static readonly GeneratorStatus SomeStatus = new(1, 2, 2, EquatableList<StatusError>.Empty, EquatableList<Condition>.Empty);

    [Test]
    public void ForGenerator_Added_EnqueuesIt()
    {
        var added = new GeneratorBuilder("gen").Build();

        var names = TriggerNames.ForGenerator(null, added);

        Assert.That(names, Is.EqualTo(new[] { "gen" }));
    }

    [Test]
    public void ForGenerator_Deleted_EnqueuesIt()
    {
        var deleted = new GeneratorBuilder("gen").Build();

        var names = TriggerNames.ForGenerator(deleted, null);

        Assert.That(names, Is.EqualTo(new[] { "gen" }));
    }

    [Test]
    public void ForGenerator_SpecChangedWithNewGeneration_EnqueuesIt()
    {
        var before = new GeneratorBuilder("gen").Generation(1).Build();
        var after = new GeneratorBuilder("gen").Generation(2).Groups(Compound.Static("ops")).Build();

        var names = TriggerNames.ForGenerator(before, after);

        Assert.That(names, Is.EqualTo(new[] { "gen" }));
    }

    [Test]
    public void ForGenerator_OnlyStatusChanged_EnqueuesNothing()
    {
        var before = new GeneratorBuilder("gen").Build();
        var after = new GeneratorBuilder("gen").Status(SomeStatus).Build();

        var names = TriggerNames.ForGenerator(before, after);

        Assert.That(names, Is.Empty);
    }

    [Test]
    public void ForGenerator_OnlyStatusAndResourceVersionChanged_EnqueuesNothing()
    {
        var before = new GeneratorBuilder("gen").Build() with { ResourceVersion = "10" };
        var after = new GeneratorBuilder("gen").Status(SomeStatus).Build() with { ResourceVersion = "11" };

        Assert.That(TriggerNames.ForGenerator(before, after, lastWritten: SomeStatus), Is.Empty);
    }

    [Test]
    public void ForGenerator_StatusWrittenBySomeoneElse_EnqueuesItSoItIsPutRight()
    {
        var before = new GeneratorBuilder("gen").Status(SomeStatus).Build() with { ResourceVersion = "11" };
        var foreign = SomeStatus with { Errors = EquatableList.Of(new StatusError("ns/t", "left behind")) };
        var after = new GeneratorBuilder("gen").Status(foreign).Build() with { ResourceVersion = "12" };

        Assert.That(TriggerNames.ForGenerator(before, after, lastWritten: SomeStatus), Is.EqualTo(new[] { "gen" }));
    }

    [Test]
    public void ForGenerator_SameObjectRedelivered_EnqueuesNothing()
    {
        var generator = new GeneratorBuilder("gen").Build();

        var names = TriggerNames.ForGenerator(generator, generator);

        Assert.That(names, Is.Empty);
    }

    [Test]
    public void ForGenerator_PauseAnnotationAdded_EnqueuesIt()
    {
        var before = new GeneratorBuilder("gen").Build();
        var after = new GeneratorBuilder("gen").Paused().Build();

        var names = TriggerNames.ForGenerator(before, after);

        Assert.That(names, Is.EqualTo(new[] { "gen" }));
    }

    [Test]
    public void ForGenerator_PauseAnnotationRemoved_EnqueuesIt()
    {
        var before = new GeneratorBuilder("gen").Paused().Build();
        var after = new GeneratorBuilder("gen").Build();

        var names = TriggerNames.ForGenerator(before, after);

        Assert.That(names, Is.EqualTo(new[] { "gen" }));
    }

    [Test]
    public void ForGenerator_PausedGeneratorSpecChanged_StillEnqueuesIt()
    {
        var before = new GeneratorBuilder("gen").Paused().Generation(1).Build();
        var after = new GeneratorBuilder("gen").Paused().Generation(2).EndpointFrom("admin.svc").Build();

        var names = TriggerNames.ForGenerator(before, after);

        Assert.That(names, Is.EqualTo(new[] { "gen" }));
    }

    [Test]
    public void ForGenerator_DeletionRequested_EnqueuesIt()
    {
        var before = new GeneratorBuilder("gen").Build();
        var after = new GeneratorBuilder("gen").Deleting().Build();

        var names = TriggerNames.ForGenerator(before, after);

        Assert.That(names, Is.EqualTo(new[] { "gen" }));
    }

    [Test]
    public void ForGenerator_FinalizerRemovedByOthers_EnqueuesIt()
    {
        var before = new GeneratorBuilder("gen").Build();
        var after = new GeneratorBuilder("gen").WithoutFinalizer().Build();

        var names = TriggerNames.ForGenerator(before, after);

        Assert.That(names, Is.EqualTo(new[] { "gen" }));
    }

    [Test]
    public void ForGenerator_RecreatedUnderSameName_EnqueuesIt()
    {
        var before = new GeneratorBuilder("gen").Build();
        var after = before with { Uid = "uid-gen-2" };

        var names = TriggerNames.ForGenerator(before, after);

        Assert.That(names, Is.EqualTo(new[] { "gen" }));
    }

    [Test]
    public void ForGenerator_InvalidSelectorWritten_EnqueuesItSoItsStatusShowsTheError()
    {
        var before = new GeneratorBuilder("gen").Generation(1).Build();
        var after = new GeneratorBuilder("gen").Generation(2).TenantControlPlaneSelector(GeneratorBuilder.Expression("tier", "Matches", "gold")).Build();

        var names = TriggerNames.ForGenerator(before, after);

        Assert.That(names, Is.EqualTo(new[] { "gen" }));
    }
}
