namespace KamajiKubeconfig.Chaos.Scenarios;

/// <summary>Every fault scenario of <c>make chaos</c>, in table order: the long, mostly idle ones first so they overlap the rest.</summary>
public static class FaultCatalogue
{
    public static IReadOnlyList<FaultScenario> All() =>
    [
        new BackoffCap(),
        new HungRequest(),
        new UnlabelledReferenceChanged(),
        new ThrottledWrites(),
        new ApiServerDown(),
        new KilledMidIssuance(),
        new WatchStreamsClosed(),
        new ResourceVersionsCompacted(),
        new ConflictsOnWrites(status: false),
        new ConflictsOnWrites(status: true),
        new ServerErrorBursts(),
        new SlowApiServer(),
        new TerminatedDuringPass(hangingApply: false),
        new TerminatedDuringPass(hangingApply: true),
        new LeaderKilledUnderLoad(),
        new GeneratorDeletedMidPass(),
        new ManyCasRotated(),
        new DeletedMidPass(),
        new NamespaceRelabelFlapping(),
        new TamperedSecrets(),
        new ClockSkew(10),
        new ClockSkew(-10),
        new RotationsDuringOutage(),
    ];
}
