using System.Diagnostics;
using System.Text;

namespace KamajiKubeconfig.Sandbox.Tests.Kubectl;

/// <summary>Runs kubectl 1.32 as a child process against a sandbox, with a fresh discovery cache every time.</summary>
public sealed class KubectlRunner : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "kubectl-" + Guid.NewGuid().ToString("N"));

    public KubectlRunner(SandboxServer server, string? token = null, string? kubeconfigYaml = null)
    {
        Directory.CreateDirectory(_directory);
        Kubeconfig = Path.Combine(_directory, "kubeconfig");
        if (kubeconfigYaml is null)
        {
            server.WriteKubeconfig(Kubeconfig, token);
        }
        else
        {
            File.WriteAllText(Kubeconfig, kubeconfigYaml);
        }
    }

    public string Kubeconfig { get; }

    /// <summary>Skips (with a reason) where kubectl is not installed, instead of failing on the missing binary.</summary>
    public static void RequireKubectl()
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(dir => File.Exists(Path.Combine(dir, "kubectl")));
        if (!found)
        {
            Assert.Ignore("kubectl is not on PATH");
        }
    }

    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public ProcessStartInfo StartInfo(params string[] args)
    {
        var info = new ProcessStartInfo("kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("--kubeconfig");
        info.ArgumentList.Add(Kubeconfig);
        info.ArgumentList.Add("--cache-dir");
        info.ArgumentList.Add(Path.Combine(_directory, "cache-" + Guid.NewGuid().ToString("N")));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment.Remove("KUBECONFIG");
        return info;
    }

    public async Task<Result> RunAsync(params string[] args) => await RunWithInputAsync(null, args);

    public async Task<Result> RunWithInputAsync(string? input, params string[] args)
    {
        using var process = Process.Start(StartInfo(args))!;
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs and asserts success; returns stdout.</summary>
    public async Task<string> OkAsync(params string[] args)
    {
        var result = await RunAsync(args);
        Assert.That(result.ExitCode, Is.Zero, $"kubectl {string.Join(' ', args)}\nstdout: {result.Stdout}\nstderr: {result.Stderr}");
        return result.Stdout;
    }

    /// <summary>Starts a long-running kubectl (e.g. get -w) and reads lines until <paramref name="until"/> says stop; then kills it.</summary>
    public async Task<List<string>> ReadLinesAsync(Func<List<string>, bool> until, Func<Task>? afterStart, params string[] args)
    {
        using var process = Process.Start(StartInfo(args))!;
        var lines = new List<string>();
        var output = new StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            var started = false;
            while (!until(lines))
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
                if (line is null)
                {
                    break;
                }
                lines.Add(line);
                if (!started && afterStart is not null)
                {
                    started = true;
                    await afterStart();
                }
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
        return lines;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
