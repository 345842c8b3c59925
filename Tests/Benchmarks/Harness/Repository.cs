using System.Diagnostics;
using KamajiKubeconfig.Benchmarks.Results;

namespace KamajiKubeconfig.Benchmarks.Harness;

/// <summary>The checkout the benchmark runs from: where its files are, and which commit is measured.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Crds => Path.Combine(Root, "manifests", "crds");

    public static string Deployment => Path.Combine(Root, "manifests", "deploy", "deployment.yaml");

    /// <summary>HEAD, its branch, and whether the work tree differs from it (figures of a dirty tree are not of HEAD).</summary>
    public static GitInfo Git() => new(
        Run("rev-parse", "HEAD") ?? "unknown",
        Run("rev-parse", "--abbrev-ref", "HEAD") ?? "unknown",
        Run("status", "--porcelain", "--untracked-files=no") is { Length: > 0 });

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Controller.csproj")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("cannot find the repository root above " + AppContext.BaseDirectory);
    }

    private static string? Run(params string[] args)
    {
        var info = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Root };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        try
        {
            using var git = Process.Start(info)!;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no git on the PATH
        }
    }
}
