using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace KamajiKubeconfig.Benchmarks.Harness;

/// <summary>
/// The controller as it ships: its own process (the Native AOT executable of `make publish-check` under `make bench`
/// and `make test`, else the build's kubeconfig-generator.dll), workstation GC as in the Deployment, logs to a file. Measured from outside through /proc, scraped
/// over HTTP, stopped with SIGTERM or killed with SIGKILL.
/// </summary>
public sealed class ControllerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private readonly MemoryCgroup? _cgroup;

    private ControllerProcess(Process process, StreamWriter log, string logFile, string metrics, string probes, long startedAt, MemoryCgroup? cgroup)
    {
        _cgroup = cgroup;
        _process = process;
        _log = log;
        LogFile = logFile;
        MetricsAddress = metrics;
        ProbesAddress = probes;
        StartedAt = startedAt;
    }

    public int Pid => _process.Id;

    public string LogFile { get; }

    public string MetricsAddress { get; }

    public string ProbesAddress { get; }

    /// <summary><see cref="Stopwatch.GetTimestamp"/> just before the process was started.</summary>
    public long StartedAt { get; }

    public bool HasExited => _process.HasExited;

    public static string Configuration =>
        typeof(ControllerProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>
    /// <c>BENCH_CONTROLLER_DLL</c> when set (the Makefile sets the Native AOT executable the image ships; a path
    /// without <c>.dll</c> is started directly), else the build of `make run` (bin/Release).
    /// </summary>
    public static string DllPath => Environment.GetEnvironmentVariable("BENCH_CONTROLLER_DLL") is { Length: > 0 } published
        ? Path.GetFullPath(published)
        : Path.Combine(Repository.Root, "bin", Configuration, "net10.0", "kubeconfig-generator.dll");

    /// <summary>How the last controller started was held to its memory limit: "cgroup v1", "cgroup v2", "GC settings" or "none".</summary>
    public static string LastMemoryLimitMode { get; private set; } = "none";

    /// <summary>What results.json records as the controller's build: the configuration, or NativeAOT for an executable.</summary>
    public static string BuildName => DllPath.EndsWith(".dll", StringComparison.Ordinal) ? Configuration : "NativeAOT";

    /// <summary>
    /// Starts the controller. <paramref name="memoryLimitBytes"/> is the container memory limit to emulate: the process
    /// runs in a memory cgroup of its own with that limit, as in the pod (<see cref="MemoryCgroup"/>), or, where no
    /// cgroup can be made, with the GC settings the runtime derives from such a limit (a 75% heap limit).
    /// </summary>
    public static ControllerProcess Start(string kubeconfig, string logFile, long? memoryLimitBytes)
    {
        if (!File.Exists(DllPath))
        {
            throw new BenchException($"no controller build at {DllPath}: build Controller.csproj -c {Configuration} first");
        }
        var metrics = FreePort();
        var probes = FreePort();
        // A native (AOT) build is an executable of its own; anything else runs on the dotnet host.
        List<string> command = DllPath.EndsWith(".dll", StringComparison.Ordinal) ? ["dotnet", DllPath] : [DllPath];
        command.AddRange([
            "--kubeconfig", kubeconfig, "--leader-elect=false", "--log-format=json",
            $"--metrics-bind-address=127.0.0.1:{metrics}", $"--health-probe-bind-address=127.0.0.1:{probes}"]);
        var cgroup = memoryLimitBytes is { } limit ? MemoryCgroup.TryCreate(limit) : null;
        if (cgroup is not null)
        {
            // The shell moves itself into the cgroup, then becomes the controller: same pid, so /proc reads it.
            command.InsertRange(0, ["/bin/sh", "-c", "echo $$ > \"$0\" && exec \"$@\"", cgroup.ProcsFile]);
        }
        var info = new ProcessStartInfo(command[0]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        command.Skip(1).ToList().ForEach(info.ArgumentList.Add);
        info.Environment["DOTNET_gcServer"] = "0";
        if (cgroup is null && memoryLimitBytes is { } emulated)
        {
            info.Environment["DOTNET_GCTotalPhysicalMemory"] = emulated.ToString("x", CultureInfo.InvariantCulture);
            info.Environment["DOTNET_GCHeapHardLimit"] = (emulated * 3 / 4).ToString("x", CultureInfo.InvariantCulture);
        }
        LastMemoryLimitMode = cgroup?.Mode ?? (memoryLimitBytes is null ? "none" : "GC settings");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logFile))!);
        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        var startedAt = Stopwatch.GetTimestamp();
        var process = Process.Start(info) ?? throw new BenchException("cannot start the controller");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ControllerProcess(process, log, logFile, $"http://127.0.0.1:{metrics}", $"http://127.0.0.1:{probes}", startedAt, cgroup);
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

    public ProcessStats Stats() => HasExited
        ? throw new BenchException($"the controller exited with code {_process.ExitCode}; log tail:\n{LogTail()}")
        : ProcessStats.Read(Pid);

    public double CpuSeconds() => HasExited ? Stats().CpuSeconds : ProcessStats.CpuSecondsOf(Pid);

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

    public async Task<MetricsScrape> ScrapeAsync() => new(await _http.GetStringAsync($"{MetricsAddress}/metrics"));

    /// <summary>SIGKILL: no shutdown of any kind, as when a node dies or the OOM killer strikes.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    public string LogTail(int lines = 20)
    {
        lock (_log)
        {
            _log.Flush();
        }
        using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var all = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return string.Join('\n', all.TakeLast(lines));
    }

    /// <summary>
    /// A free loopback port below the kernel's ephemeral range (default 32768–60999): a port handed out for port 0 can
    /// be taken by an outgoing connection before the controller binds it.
    /// </summary>
    private static int FreePort()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = Random.Shared.Next(20_000, 32_000);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException) when (attempt < 200)
            {
                // Taken: try another.
            }
        }
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
        if (_cgroup is not null)
        {
            await _cgroup.DeleteAsync();
        }
        lock (_log)
        {
            _log.Dispose();
        }
    }
}
