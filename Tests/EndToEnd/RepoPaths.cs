namespace KamajiKubeconfig.Tests.EndToEnd;

/// <summary>Files of the repository the tests use as they ship (CRDs, RBAC, samples).</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Crds => Path.Combine(Root, "manifests", "crds");

    public static string Rbac => Path.Combine(Root, "manifests", "rbac");

    public static string Samples => Path.Combine(Root, "manifests", "samples");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Controller.csproj")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("cannot find the repository root above the test directory");
    }
}
