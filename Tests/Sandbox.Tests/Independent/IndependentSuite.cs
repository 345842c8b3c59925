namespace KamajiKubeconfig.Sandbox.Tests.Independent;

/// <summary>
/// The independent-client conformance suite (docs: Tests/Sandbox/README.md): clients nobody here wrote — kubectl and
/// the official Python client — against one sandbox started with the shipped CRDs and RBAC enforcement on, each
/// check one kube-apiserver 1.32 behaviour. One sandbox process for the whole suite keeps it fast.
/// </summary>
[SetUpFixture]
public sealed class IndependentSuite
{
    private static SandboxServer? _server;

    public static SandboxServer Server => _server ?? throw new InvalidOperationException("the independent suite's sandbox is not running");

    /// <summary>The repository root (the folder with Controller.slnx), found upwards from the test binaries.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    public static string ShippedCrds => Path.Combine(RepositoryRoot, "manifests", "crds");

    [OneTimeSetUp]
    public static async Task StartAsync()
    {
        _server = await SandboxServer.StartAsync(new SandboxOptions { CrdPaths = [ShippedCrds] });
        // The shipped RBAC, so `kubectl auth can-i --as=system:serviceaccount:kamaji-system:...` has something to tell.
        _server.LoadRbacYaml("apiVersion: v1\nkind: Namespace\nmetadata: {name: kamaji-system}\n");
        _server.LoadRbac(Path.Combine(RepositoryRoot, "manifests", "rbac"));
    }

    [OneTimeTearDown]
    public static async Task StopAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Controller.slnx")))
            {
                return directory.FullName;
            }
        }
        throw new DirectoryNotFoundException("Controller.slnx not found above " + AppContext.BaseDirectory);
    }
}
