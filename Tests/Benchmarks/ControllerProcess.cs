using System.Diagnostics;
using System.Reflection;
using KamajiKubeconfig.Tests.EndToEnd;
using KamajiKubeconfig.Tests.Tools;

namespace KamajiKubeconfig.Tests.Benchmarks;

/// <summary>
/// The controller as it ships: its own process (the build's kubeconfig-generator.dll), workstation GC as in the
/// Deployment, logs to a file. Measured from outside through /proc, scraped over HTTP, stopped with SIGTERM.
/// </summary>
internal sealed class ControllerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private ControllerProcess(Process process, string metrics, string probes)
    {
        _process = process;
        MetricsAddress = metrics;
        ProbesAddress = probes;
    }

    public int Pid => _process.Id;

    public string MetricsAddress { get; }

    public string ProbesAddress { get; }

    public bool HasExited => _process.HasExited;

    public static string DllPath
    {
        get
        {
            var configuration = typeof(ControllerProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            return Path.Combine(RepoPaths.Root, "bin", configuration, "net10.0", "kubeconfig-generator.dll");
        }
    }

    /// <summary>
    /// Starts the controller. <paramref name="memoryLimitBytes"/> is the container memory limit to emulate: in a
    /// cgroup with a limit .NET caps its heap at 75% of it (GCHeapHardLimit); the same cap here makes the process
    /// behave as it would in the pod.
    /// </summary>
    public static ControllerProcess Start(string kubeconfig, string logFile, int metricsPort, int probesPort, long? memoryLimitBytes, params string[] extraArgs)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(DllPath);
        foreach (var arg in (string[])[
            "--kubeconfig", kubeconfig, "--leader-elect=false", "--log-format=json",
            $"--metrics-bind-address=127.0.0.1:{metricsPort}", $"--health-probe-bind-address=127.0.0.1:{probesPort}", .. extraArgs])
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["DOTNET_gcServer"] = "0";
        if (memoryLimitBytes is { } limit)
        {
            // What the runtime reads from the cgroup: total memory = the limit (it drives the GC's "memory load"
            // and its aggressive mode above 90%), and a managed heap capped at 75% of it.
            info.Environment["DOTNET_GCTotalPhysicalMemory"] = limit.ToString("x", System.Globalization.CultureInfo.InvariantCulture);
            info.Environment["DOTNET_GCHeapHardLimit"] = (limit * 3 / 4).ToString("x", System.Globalization.CultureInfo.InvariantCulture);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start the controller");
        var log = new StreamWriter(logFile) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ControllerProcess(process, $"http://127.0.0.1:{metricsPort}", $"http://127.0.0.1:{probesPort}");
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.WriteLine(line);
            }
        }
    }

    public ProcessStats Stats() => ProcessStats.Read(Pid);

    public async Task<bool> IsReadyAsync()
    {
        try
        {
            using var response = await _http.GetAsync($"{ProbesAddress}/readyz");
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    public Task<string> ScrapeAsync() => _http.GetStringAsync($"{MetricsAddress}/metrics");

    /// <summary>SIGTERM, as the kubelet sends; returns how long the graceful shutdown took.</summary>
    public async Task<TimeSpan> TerminateAsync(TimeSpan deadline)
    {
        var started = Stopwatch.GetTimestamp();
        await ExternalTool.CheckAsync("kill", "-TERM", Pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var timeout = new CancellationTokenSource(deadline);
        await _process.WaitForExitAsync(timeout.Token);
        return Stopwatch.GetElapsedTime(started);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _http.Dispose();
    }
}
