namespace KamajiKubeconfig.Sandbox.Tests;

/// <summary>The load benchmark (10,000 TCPs + 30,000 Secrets); explicit, so `make test` skips it. Numbers: Tests/Sandbox/README.md.</summary>
public sealed class BenchmarkTests
{
    [Test]
    [Explicit("benchmark: run on demand with --filter Category=Benchmark, or `make sandbox-bench`")]
    [Category("Benchmark")]
    public async Task LoadAndList_10000Tcps_30000Secrets()
    {
        using var output = new StringWriter();
        var code = await Benchmark.RunAsync(output, CancellationToken.None);
        TestContext.Out.WriteLine(output.ToString());
        Assert.That(code, Is.Zero);
    }
}
