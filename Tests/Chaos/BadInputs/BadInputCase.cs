namespace KamajiKubeconfig.Chaos.BadInputs;

/// <summary>
/// One hostile or broken input: how to set it up in a fresh namespace with its own generator, which endings are
/// acceptable, and any check on the message (no echo of secrets or whole maps, bounded size).
/// </summary>
public sealed record BadInputCase
{
    public required string Name { get; init; }

    /// <summary>Which issue lists it (10, 14, 15) and its family, for the table.</summary>
    public required string Source { get; init; }

    public required Func<CaseContext, Task> SetupAsync { get; init; }

    public Signal Accept { get; init; } = Signal.Error;

    /// <summary>May crash the controller or stall an informer: run alone, after the others.</summary>
    public bool Isolated { get; init; }

    public TimeSpan Deadline { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Null when the reported message is acceptable; otherwise what is wrong with it.</summary>
    public Func<CaseContext, string, string?>? CheckMessage { get; init; }

    /// <summary>A custom ending (where, message), polled instead of the usual admission/status/Event/valid detection.</summary>
    public Func<CaseContext, Task<(string Where, string Message)?>>? EndingAsync { get; init; }

    /// <summary>What it means when no ending came (default: no rejection, status error or Event).</summary>
    public string? NoEndingMeans { get; init; }

    /// <summary>The case checks its own outcome; the scoped invariants are not run.</summary>
    public bool SkipInvariants { get; init; }

    /// <summary>Extra checks once the case ended (e.g. the controller's readiness).</summary>
    public Func<CaseContext, Task>? VerifyAsync { get; init; }
}
