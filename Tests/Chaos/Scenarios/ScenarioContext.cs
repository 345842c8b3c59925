using System.Diagnostics;
using KamajiKubeconfig.Chaos.Checks;
using KamajiKubeconfig.Chaos.Infrastructure;

namespace KamajiKubeconfig.Chaos.Scenarios;

/// <summary>What one scenario run accumulates: the marks taken before the fault, notes and violations.</summary>
public sealed class ScenarioContext
{
    public List<Violation> Violations { get; } = [];

    public List<string> Notes { get; } = [];

    /// <summary>The sandbox request log position and the Secret ledger just before the fault.</summary>
    public long Mark { get; set; }

    public Ledger LedgerBefore { get; set; } = new(new Dictionary<string, IReadOnlyList<string>>(), []);

    public Stopwatch Clock { get; } = new();

    /// <summary>Per-Secret limits that differ from the scenario's default (e.g. 0 for a repair without reissue).</summary>
    public Dictionary<string, int> CertificateLimits { get; } = new(StringComparer.Ordinal);

    /// <summary>Faults that are not request answers (closed watches, compaction, signals, downtime), counted by the scenario.</summary>
    public int Injected { get; set; }

    public void Fail(string where, string what) => Violations.Add(new Violation(where, what));

    public void Note(string note) => Notes.Add(note);
}
