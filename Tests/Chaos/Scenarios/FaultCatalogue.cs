namespace KamajiKubeconfig.Chaos.Scenarios;

/// <summary>Every fault scenario of <c>make chaos</c>, in table order.</summary>
public static class FaultCatalogue
{
    public static IReadOnlyList<FaultScenario> All() =>
    [
        new WatchStreamsClosed(),
        new ResourceVersionsCompacted(),
        new ApiServerDown(),
        new ConflictsOnWrites(status: false),
        new ConflictsOnWrites(status: true),
        new ThrottledWrites(),
        new ServerErrorBursts(),
        new SlowApiServer(),
        new HungRequest(),
        new KilledMidIssuance(),
        new TerminatedDuringPass(),
        new LeaderKilledUnderLoad(),
        new GeneratorDeletedMidPass(),
        new ManyCasRotated(),
        new DeletedMidPass(),
        new NamespaceRelabelFlapping(),
        new TamperedSecrets(),
        new ClockSkew(10),
        new ClockSkew(-10),
        new RotationsDuringOutage(),
        new BackoffCap(),
        new UnlabelledReferenceChanged(),
    ];
}
