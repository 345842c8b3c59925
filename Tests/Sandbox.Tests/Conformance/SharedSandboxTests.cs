using k8s;
using k8s.Models;

namespace KamajiKubeconfig.Sandbox.Tests.Conformance;

/// <summary>
/// One sandbox and one admin client per test class, shared by its (parallel) tests, which isolate themselves in
/// their own namespaces. Generic over the class so each fixture gets its own statics.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "NUnit calls the fixture hooks; the generic parameter gives each fixture its own sandbox.")]
public abstract class SharedSandboxTests<TSelf>
    where TSelf : SharedSandboxTests<TSelf>
{
    protected static SandboxServer Server { get; private set; } = null!;

    protected static Kubernetes Client { get; private set; } = null!;

    [OneTimeSetUp]
    public static async Task StartSandboxAsync()
    {
        Server = await SandboxFixture.StartAsync();
        Client = SandboxFixture.Client(Server);
    }

    [OneTimeTearDown]
    public static async Task StopSandboxAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }

    /// <summary>A fresh namespace named after <paramref name="prefix"/>.</summary>
    protected static async Task<string> NamespaceAsync(string prefix)
    {
        var name = SandboxFixture.UniqueName(prefix);
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        return name;
    }
}
