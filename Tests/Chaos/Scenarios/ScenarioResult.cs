using KamajiKubeconfig.Chaos.Checks;

namespace KamajiKubeconfig.Chaos.Scenarios;

/// <summary>One row of the fault table.</summary>
public sealed record ScenarioResult(
    string Name, string Fault, int FaultsInjected, bool Recovered, double? ConvergeSeconds, int Writes, string WritesByKind, int Issued,
    IReadOnlyList<Violation> Violations, IReadOnlyList<string> Notes);
