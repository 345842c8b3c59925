using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Tests.Kubectl;

namespace KamajiKubeconfig.Sandbox.Tests.Independent;

/// <summary>kubectl 1.32's wider surface against the suite's sandbox: one NUnit case per <see cref="KubectlCheck"/>.</summary>
[Parallelizable(ParallelScope.All)]
public sealed class KubectlChecks
{
    public static IEnumerable<TestCaseData> Checks() =>
        KubectlApiChecks.All.Concat(KubectlAuthChecks.All).Select(c => new TestCaseData(c).SetName("Kubectl_" + c.Name).SetDescription(c.Cite));

    [TestCaseSource(nameof(Checks))]
    public async Task Check(KubectlCheck check)
    {
        KubectlRunner.RequireKubectl();
        using var session = await KubectlSession.StartAsync();
        await check.Run(session);
    }

    /// <summary>The value at a JSON path of kubectl -o json output.</summary>
    public static JsonNode? Json(string output, params string[] path)
    {
        JsonNode? node = JsonNode.Parse(output);
        foreach (var part in path)
        {
            node = int.TryParse(part, out var i) ? node?[i] : node?[part];
        }
        return node;
    }
}
