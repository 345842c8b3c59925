using System.Diagnostics;
using System.Globalization;
using KamajiKubeconfig.Chaos.BadInputs;
using KamajiKubeconfig.Chaos.Checks;
using KamajiKubeconfig.Chaos.Infrastructure;
using KamajiKubeconfig.Chaos.Reporting;
using KamajiKubeconfig.Chaos.Scenarios;
using KamajiKubeconfig.Chaos.Security;

namespace KamajiKubeconfig.Chaos;

/// <summary>
/// The console entry of <c>make chaos</c>: every fault scenario (several worlds at a time, at most two CPU-heavy ones
/// together) and every bad input (one world, parallel batches), then the tables and the totals line; exit 1 on any
/// violation. Options: <c>--only a,b</c> (name substrings), <c>--faults-only</c>, <c>--bad-inputs-only</c>.
/// </summary>
public static class ChaosCommand
{
    private const int ScenarioConcurrency = 8;
    private const int BadInputParallelism = 16;

    public static async Task<int> RunAsync(string[] args)
    {
        var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault()?.Split(',');
        bool Selected(string name) => only is null || only.Any(f => name.Contains(f, StringComparison.Ordinal));
        var clock = Stopwatch.StartNew();
        var directory = RepoLayout.OutputDirectory(DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        Console.WriteLine($"chaos: controller {RepoLayout.Controller}, sandbox {RepoLayout.SandboxDll}, logs in {directory}");
        var scenarios = args.Contains("--bad-inputs-only") ? [] : FaultCatalogue.All().Where(s => Selected(s.Name)).ToList();
        var cases = args.Contains("--faults-only") ? [] : BadInputCatalogue.All().Where(c => Selected(c.Name)).ToList();
        var setup = new List<Violation>();
        var badInputs = RunBadInputsAsync(cases, directory, setup);
        var faults = RunScenariosAsync(scenarios, directory);
        var rbac = only is null ? RunRbacAuditAsync(directory) : Task.FromResult<(List<RbacAudit.Answer>, List<RbacAudit.Answer>)?>(null);
        var results = await faults;
        var caseResults = await badInputs;
        var security = await rbac;
        if (security is { } answers)
        {
            setup.AddRange(RbacAudit.Violations(answers.Item1, answers.Item2));
        }
        var report = ChaosReport.Render(results, caseResults, setup, clock.Elapsed, security);
        await File.WriteAllTextAsync(Path.Combine(directory, "report.md"), report);
        Console.WriteLine();
        Console.Write(report);
        return results.Sum(r => r.Violations.Count) + caseResults.Sum(c => c.Violations.Count) + setup.Count > 0 ? 1 : 0;
    }

    private static async Task<List<ScenarioResult>> RunScenariosAsync(List<FaultScenario> scenarios, string directory)
    {
        using var slots = new SemaphoreSlim(ScenarioConcurrency);
        using var heavy = new SemaphoreSlim(2);
        var runs = scenarios.Select(async scenario =>
        {
            await slots.WaitAsync();
            if (scenario.Heavy)
            {
                await heavy.WaitAsync();
            }
            try
            {
                var took = Stopwatch.StartNew();
                var result = await ScenarioRunner.RunAsync(scenario, directory);
                Console.WriteLine($"fault {result.Name}: {(result.Recovered ? "recovered" : "NOT recovered")}, {result.Violations.Count} violation(s), took {took.Elapsed.TotalSeconds:0} s");
                return result;
            }
            finally
            {
                if (scenario.Heavy)
                {
                    heavy.Release();
                }
                slots.Release();
            }
        }).ToList();
        return [.. await Task.WhenAll(runs)];
    }

    private static async Task<(List<RbacAudit.Answer>, List<RbacAudit.Answer>)?> RunRbacAuditAsync(string directory)
    {
        await using var world = await ChaosWorld.StartAsync(Path.Combine(directory, "rbac"));
        return await RbacAudit.RunAsync(world);
    }

    private static async Task<List<CaseResult>> RunBadInputsAsync(List<BadInputCase> cases, string directory, List<Violation> setup)
    {
        if (cases.Count == 0)
        {
            return [];
        }
        await using var world = await ChaosWorld.StartAsync(Path.Combine(directory, "bad-inputs"));
        var runner = new BadInputRunner(world, BadInputParallelism);
        var results = await runner.RunAsync(cases, r => Console.WriteLine($"bad input {r.Name}: {r.Where}, {r.Violations.Count} violation(s)"));
        setup.AddRange(runner.SetupViolations);
        setup.AddRange(await world.CheckLeaksAsync());
        // Once per run, on the log that saw the most failures: whether a bad day can be diagnosed from it.
        setup.AddRange(LogHygiene.Check("bad-inputs controller", world.Controllers[0].LogPath));
        return results;
    }
}
