using KamajiKubeconfig.Chaos.BadInputs;

namespace KamajiKubeconfig.Chaos.Tests;

/// <summary>
/// A short selection of <c>make chaos</c>'s bad inputs in <c>make test</c>: one world, one controller, a canary, the cases
/// in one parallel batch; each must end in its clear error (or be handled) with no harm to anyone else.
/// </summary>
[Parallelizable(ParallelScope.Self)]
public sealed class BadInputTests
{
    private static readonly string[] Selection =
    [
        "user-dn-injection", "groups-duplicates", "selector-invalid-key", "control-plane-endpoint-from-traversal", "admin-key-missing",
        "admin-exec-user", "ca-rsa-pkcs8-key", "ca-encrypted-key", "foreign-opaque-secret-with-target-name",
        "status-ca-secretname-traversal", "status-admin-secretname-traversal", "ca-not-a-ca-ca-false", "ca-expired-among-healthy-tenants",
        "generated-kubeconfig-exec-and-token-injected", "stale-status-errors-from-another-writer",
    ];

    [Test]
    public async Task Selection_EachEndsClearly_NoHarmToOthers()
    {
        var cases = BadInputCatalogue.All().Where(c => Selection.Contains(c.Name)).ToList();
        Assert.That(cases, Has.Count.EqualTo(Selection.Length));
        await using var world = await ChaosWorld.StartAsync(ChaosDirectory.ForCurrentTest());
        var runner = new BadInputRunner(world, parallel: Selection.Length);
        var results = await runner.RunAsync(cases);
        foreach (var result in results)
        {
            await TestContext.Out.WriteLineAsync($"{result.Name}: {result.Where}: {Reporting.ChaosReport.Cell(result.Message)}");
        }
        var violations = results.SelectMany(r => r.Violations.Select(v => $"{r.Name}: {v}")).Concat(runner.SetupViolations.Select(v => v.ToString()))
            .Concat((await world.CheckLeaksAsync()).Select(v => v.ToString())).ToList();
        Assert.That(violations, Is.Empty, string.Join("\n", violations));
    }
}
