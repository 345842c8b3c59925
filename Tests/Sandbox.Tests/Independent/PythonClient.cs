using System.Diagnostics;
using System.Text.Json.Nodes;

namespace KamajiKubeconfig.Sandbox.Tests.Independent;

/// <summary>
/// Runs python/client_checks.py (the official Python client, Debian's python3-kubernetes; the checks live in
/// python/checks_*.py) once against the suite's sandbox and hands out one result per check. Skips with a clear message where no python3 can import kubernetes.
/// </summary>
public static class PythonClient
{
    private static readonly Lazy<Task<Dictionary<string, (bool Ok, string Detail)>>> Results = new(RunAllAsync);

    public static string ScriptDirectory => Path.Combine(AppContext.BaseDirectory, "Independent", "python");

    public static string ScriptPath => Path.Combine(ScriptDirectory, "client_checks.py");

    /// <summary>The interpreters tried in order: the PATH's python3, then Debian's (where apt installs the client).</summary>
    private static readonly string[] Interpreters = ["python3", "/usr/bin/python3"];

    private static readonly Lazy<string?> Interpreter = new(() => Interpreters.FirstOrDefault(CanImportKubernetes));

    public static async Task<(bool Ok, string Detail)> ResultAsync(string check)
    {
        if (Interpreter.Value is null)
        {
            Assert.Ignore("the Python Kubernetes client is not installed: `make tools` installs python3-kubernetes with apt-get (CI runs these checks)");
        }
        var results = await Results.Value;
        return results.TryGetValue(check, out var result) ? result : (false, "the script reported no result for this check");
    }

    private static bool CanImportKubernetes(string python)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(python, ["-c", "import kubernetes"]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            process.WaitForExit(30_000);
            return process.HasExited && process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static async Task<Dictionary<string, (bool, string)>> RunAllAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "pyclient-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var kubeconfig = IndependentSuite.Server.WriteKubeconfig(Path.Combine(directory, "kubeconfig"));
        var info = new ProcessStartInfo(Interpreter.Value!, [ScriptPath, kubeconfig, Guid.NewGuid().ToString("N")[..6]])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment.Remove("KUBECONFIG");
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        var results = new Dictionary<string, (bool, string)>(StringComparer.Ordinal);
        foreach (var line in (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (JsonNode.Parse(line) is JsonObject result)
            {
                results[(string)result["name"]!] = ((bool)result["ok"]!, (string?)result["detail"] ?? "");
            }
        }
        if (results.Count == 0)
        {
            results["(script)"] = (false, await stderr);
        }
        Directory.Delete(directory, recursive: true);
        return results;
    }
}
