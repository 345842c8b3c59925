using k8s;

namespace KamajiKubeconfig.Sandbox.Tests;

/// <summary>Starts sandboxes with the test CRDs and builds real KubernetesClient clients against them.</summary>
public static class SandboxFixture
{
    public static string FixturesDirectory => Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures");

    public static string CrdDirectory => Path.Combine(FixturesDirectory, "crds");

    public static Task<SandboxServer> StartAsync(SandboxOptions? options = null) =>
        SandboxServer.StartAsync((options ?? new SandboxOptions()) with { CrdPaths = [CrdDirectory] });

    /// <summary>A client configured from a kubeconfig file the sandbox wrote, exactly as a user's would be.</summary>
    public static Kubernetes Client(SandboxServer server, string? token = null)
    {
        var path = Path.Combine(Path.GetTempPath(), $"sandbox-{Guid.NewGuid():N}.kubeconfig");
        server.WriteKubeconfig(path, token);
        try
        {
            return new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds or the deadline passes (never a blind sleep).</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, int timeoutMs = 5000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }
            await Task.Delay(20);
        }
        Assert.Fail($"timed out waiting for: {what}");
    }

    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
}
