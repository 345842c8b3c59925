using System.Reflection;

namespace KamajiKubeconfig.Chaos.Infrastructure;

/// <summary>Where the repository and the two executables under test are: the same build configuration as this harness.</summary>
public static class RepoLayout
{
    public static string Root { get; } = FindRoot();

    public static string Configuration { get; } =
        typeof(RepoLayout).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>
    /// The controller under test: <c>CHAOS_CONTROLLER</c> when set (<c>make chaos</c> sets the Native AOT executable the
    /// image ships), else the build <c>make run</c> starts. A path not ending in <c>.dll</c> is started directly.
    /// </summary>
    public static string Controller => Environment.GetEnvironmentVariable("CHAOS_CONTROLLER") is { Length: > 0 } path
        ? Path.GetFullPath(path)
        : Path.Combine(Root, "bin", Configuration, "net10.0", "kubeconfig-generator.dll");

    public static bool ControllerIsNative => !Controller.EndsWith(".dll", StringComparison.Ordinal);

    public static string SandboxDll => Path.Combine(Root, "Tests", "Sandbox", "bin", Configuration, "net10.0", "KamajiKubeconfig.Sandbox.dll");

    public static string Crds => Path.Combine(Root, "manifests", "crds");

    public static string Rbac => Path.Combine(Root, "manifests", "rbac");

    /// <summary>Scratch space for logs and kubeconfigs of one run (under the ignored out/ folder).</summary>
    public static string OutputDirectory(string run) => Directory.CreateDirectory(Path.Combine(Root, "out", "chaos", run)).FullName;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Controller.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("cannot find the repository root (Controller.slnx) above " + AppContext.BaseDirectory);
    }
}
