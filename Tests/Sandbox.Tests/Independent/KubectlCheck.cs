using KamajiKubeconfig.Sandbox.Tests.Kubectl;

namespace KamajiKubeconfig.Sandbox.Tests.Independent;

/// <summary>One kubectl behaviour: a name, the kube-apiserver source or API doc it reproduces, and the steps.</summary>
public sealed record KubectlCheck(string Name, string Cite, Func<KubectlSession, Task> Run)
{
    public override string ToString() => Name;
}

/// <summary>A kubectl against the suite's sandbox with a fresh namespace, and the assertions the checks share.</summary>
public sealed class KubectlSession(KubectlRunner kubectl, string ns) : IDisposable
{
    public KubectlRunner Kubectl { get; } = kubectl;

    public string Namespace { get; } = ns;

    public static async Task<KubectlSession> StartAsync(string? token = null)
    {
        var kubectl = new KubectlRunner(IndependentSuite.Server, token);
        var ns = "k-" + Guid.NewGuid().ToString("N")[..10];
        using var admin = new KubectlRunner(IndependentSuite.Server);
        await admin.OkAsync("create", "namespace", ns);
        return new KubectlSession(kubectl, ns);
    }

    /// <summary>Runs kubectl in the session's namespace (-n) and asserts exit code 0; returns stdout.</summary>
    public Task<string> OkAsync(params string[] args) => Kubectl.OkAsync(["-n", Namespace, .. args]);

    public Task<KubectlRunner.Result> RunAsync(params string[] args) => Kubectl.RunAsync(["-n", Namespace, .. args]);

    public async Task<string> OkWithInputAsync(string input, params string[] args)
    {
        var result = await Kubectl.RunWithInputAsync(input, ["-n", Namespace, .. args]);
        Assert.That(result.ExitCode, Is.Zero, $"kubectl {string.Join(' ', args)}\nstdout: {result.Stdout}\nstderr: {result.Stderr}");
        return result.Stdout;
    }

    /// <summary>Asserts kubectl fails and its stderr contains <paramref name="expected"/>.</summary>
    public async Task FailsAsync(string expected, params string[] args) => AssertFails(await RunAsync(args), expected, args);

    public async Task FailsWithInputAsync(string input, string expected, params string[] args) =>
        AssertFails(await Kubectl.RunWithInputAsync(input, ["-n", Namespace, .. args]), expected, args);

    private static void AssertFails(KubectlRunner.Result result, string expected, string[] args)
    {
        Assert.That(result.ExitCode, Is.Not.Zero, $"kubectl {string.Join(' ', args)} should fail\nstdout: {result.Stdout}");
        Assert.That(result.Stderr, Does.Contain(expected), $"kubectl {string.Join(' ', args)}");
    }

    public void Dispose() => Kubectl.Dispose();
}
