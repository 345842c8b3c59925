using System.Globalization;
using System.Text;
using KamajiKubeconfig.Chaos.BadInputs;
using KamajiKubeconfig.Chaos.Checks;
using KamajiKubeconfig.Chaos.Scenarios;
using KamajiKubeconfig.Chaos.Security;

namespace KamajiKubeconfig.Chaos.Reporting;

/// <summary>The two tables (faults, bad inputs), every violation in full, and the totals line.</summary>
public static class ChaosReport
{
    public static string Render(IReadOnlyList<ScenarioResult> scenarios, IReadOnlyList<CaseResult> cases, IReadOnlyList<Violation> setup, TimeSpan elapsed,
        (List<RbacAudit.Answer> Needed, List<RbacAudit.Answer> Denied)? rbac = null)
    {
        var text = new StringBuilder();
        if (rbac is { } answers)
        {
            text.AppendLine(Invariant($"RBAC (manifests/rbac/, SelfSubjectAccessReview as the controller's ServiceAccount): {answers.Needed.Count(a => a.Controller)} of {answers.Needed.Count} needed permissions allowed; {answers.Denied.Count(a => !a.Controller)} of {answers.Denied.Count} denied that a `*` role allows ({answers.Denied.Count(a => a.Broad)} confirmed allowed to it):"));
            text.AppendLine("  denied: " + string.Join("; ", answers.Denied.Where(a => !a.Controller).Select(a => a.Check.ToString())));
            text.AppendLine();
        }
        if (scenarios.Count > 0)
        {
            text.AppendLine("| scenario | fault injected | faults | recovered | converge s | writes | certificates | violations |");
            text.AppendLine("|---|---|---|---|---|---|---|---|");
            foreach (var s in scenarios)
            {
                text.AppendLine(Invariant($"| {s.Name} | {s.Fault} | {s.FaultsInjected} | {(s.Recovered ? "yes" : "NO")} | {Seconds(s.ConvergeSeconds)} | {s.Writes} | {s.Issued} | {s.Violations.Count} |"));
            }
            text.AppendLine();
        }
        if (cases.Count > 0)
        {
            text.AppendLine("| bad input | issue | where | s | message | violations |");
            text.AppendLine("|---|---|---|---|---|---|");
            foreach (var c in cases)
            {
                text.AppendLine(Invariant($"| {c.Name} | {c.Source} | {c.Where} | {Seconds(c.Seconds)} | {Cell(c.Message)} | {c.Violations.Count} |"));
            }
            text.AppendLine();
        }
        var all = scenarios.SelectMany(s => s.Violations.Select(v => (Row: s.Name, v)))
            .Concat(cases.SelectMany(c => c.Violations.Select(v => (Row: c.Name, v))))
            .Concat(setup.Select(v => (Row: "setup", v))).ToList();
        if (all.Count > 0)
        {
            text.AppendLine("Violations:");
            foreach (var (row, v) in all)
            {
                text.AppendLine(Invariant($"- [{row}] {Cell(v.ToString(), 400)}"));
            }
            text.AppendLine();
        }
        foreach (var s in scenarios.Where(s => s.Notes.Count > 0 || s.WritesByKind.Length > 0))
        {
            text.AppendLine(Invariant($"  {s.Name}: writes {s.WritesByKind}{(s.Notes.Count > 0 ? "; " + string.Join("; ", s.Notes) : "")}"));
        }
        text.AppendLine(Invariant($"chaos run took {elapsed.TotalMinutes:0.0} min"));
        text.AppendLine(Invariant($"chaos: {scenarios.Count} faults, {cases.Count} bad inputs, {all.Count} violations"));
        return text.ToString();
    }

    private static string Seconds(double? seconds) => seconds is { } s ? s.ToString("0.0", CultureInfo.InvariantCulture) : "-";

    /// <summary>One table cell: no newlines or pipes, control characters shown, long text cut.</summary>
    public static string Cell(string text, int max = 140)
    {
        var clean = new StringBuilder();
        foreach (var ch in text)
        {
            clean.Append(ch switch
            {
                '|' => "\\|",
                '\n' => "\\n",
                '\r' => "\\r",
                _ when char.IsControl(ch) || ch is '\u202E' or '\u202D' or '\u2066' or '\u2067' or '\u2068' or '\u2069' => $"\\u{(int)ch:X4}",
                _ => ch.ToString(),
            });
        }
        return clean.Length > max ? clean.ToString(0, max) + "…" : clean.ToString();
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
