using System.Globalization;

namespace KamajiKubeconfig.Chaos.Infrastructure;

/// <summary>POSIX signals to a child process (SIGTERM as the kubelet sends it; SIGKILL is Process.Kill).</summary>
public static class Signals
{
    public static async Task TerminateAsync(int pid)
    {
        var result = await ExternalTool.RunAsync("kill", ["-TERM", pid.ToString(CultureInfo.InvariantCulture)]);
        if (result.ExitCode != 0 && !result.Stderr.Contains("No such process", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"kill -TERM {pid}: {result.Stderr}");
        }
    }
}
