using KamajiKubeconfig.Chaos.Checks;

namespace KamajiKubeconfig.Chaos.BadInputs;

/// <summary>One row of the bad-input table: where the error (or the handling) appeared and the message.</summary>
public sealed record CaseResult(string Name, string Source, string Where, string Message, double? Seconds, IReadOnlyList<Violation> Violations);
