using KamajiKubeconfig.Chaos.Infrastructure;

namespace KamajiKubeconfig.Chaos.Tests;

/// <summary>Where the NUnit selection keeps its logs: out/chaos/test-&lt;test name&gt;.</summary>
internal static class ChaosDirectory
{
    public static string ForCurrentTest() => RepoLayout.OutputDirectory("test-" + TestContext.CurrentContext.Test.MethodName);
}
