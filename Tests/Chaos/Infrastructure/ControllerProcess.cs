using System.Diagnostics;

namespace KamajiKubeconfig.Chaos.Infrastructure;

/// <summary>
/// One replica of the controller (<see cref="RepoLayout.Controller"/>: the Native AOT executable under <c>make chaos</c>),
/// with its own metrics and probe ports and a log file. Exits are counted, as a
/// kubelet would count restarts.
/// </summary>
public sealed class ControllerProcess : IAsyncDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly string[] _args;
    private readonly LogFile _log;
    private Process _process;

    private ControllerProcess(string name, string[] args, LogFile log)
    {
        Name = name;
        _args = args;
        _log = log;
        _process = Launch();
    }

    public string Name { get; }

    public string LogPath => _log.Path;

    public int MetricsPort { get; private init; }

    public int ProbePort { get; private init; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Exit code of the last run once it ended (137 = SIGKILL, 0 = clean shutdown).</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>Deliberate stops (kill, terminate) by the harness; any other exit is a crash.</summary>
    public int DeliberateStops { get; private set; }

    public int Starts { get; private set; } = 1;

    public static ControllerProcess Start(string name, string kubeconfig, string logPath, bool leaderElect, params string[] extra)
    {
        var metrics = FreePort.Next();
        var probes = FreePort.Next();
        string[] args = [.. RepoLayout.ControllerIsNative ? [] : (string[])[RepoLayout.Controller], "--kubeconfig", kubeconfig, $"--leader-elect={(leaderElect ? "true" : "false")}",
            "--pod-namespace=kamaji-system", "--log-format=json",
            $"--metrics-bind-address=127.0.0.1:{metrics}", $"--health-probe-bind-address=127.0.0.1:{probes}", .. extra];
        return new ControllerProcess(name, args, new LogFile(logPath)) { MetricsPort = metrics, ProbePort = probes };
    }

    private Process Launch()
    {
        var info = new ProcessStartInfo(RepoLayout.ControllerIsNative ? RepoLayout.Controller : "dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in _args)
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["DOTNET_gcServer"] = "0";
        info.Environment["HOSTNAME"] = Name;
        var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start the controller");
        _log.Write($"--- harness: started {Name} pid {process.Id} at {DateTimeOffset.UtcNow:O}");
        Dying = false;
        process.OutputDataReceived += (_, e) => Receive(e.Data);
        process.ErrorDataReceived += (_, e) => Receive(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>
    /// The runtime announced a fatal error (a stack overflow dumps thousands of frames before the process exits, which
    /// can take many seconds through a pipe): the process is as good as dead.
    /// </summary>
    public bool Dying { get; private set; }

    /// <summary>Dead or dying.</summary>
    public bool HasFailed => _process.HasExited || Dying;

    private void Receive(string? line)
    {
        if (line is not null && !Dying && CrashEvidence.IsMarker(line))
        {
            Dying = true;
        }
        _log.Write(line);
    }

    /// <summary>Ends a dying process now instead of waiting for its dump (counted as the crash it is).</summary>
    public async Task FinishDyingAsync()
    {
        if (Dying && !_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Starts the process again after it exited (a kubelet restart).</summary>
    public void Restart()
    {
        if (!_process.HasExited)
        {
            throw new InvalidOperationException("still running");
        }
        _process.Dispose();
        _process = Launch();
        Starts++;
    }

    public async Task<bool> IsReadyAsync()
    {
        if (_process.HasExited)
        {
            return false;
        }
        try
        {
            using var response = await _http.GetAsync($"http://127.0.0.1:{ProbePort}/readyz");
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    public async Task<string?> ScrapeAsync()
    {
        try
        {
            return await _http.GetStringAsync($"http://127.0.0.1:{MetricsPort}/metrics");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        DeliberateStops++;
        _log.Write($"--- harness: SIGKILL {Name} at {DateTimeOffset.UtcNow:O}");
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as the kubelet sends it; the time the graceful shutdown took, or null past the deadline.</summary>
    public async Task<TimeSpan?> TerminateAsync(TimeSpan deadline)
    {
        DeliberateStops++;
        _log.Write($"--- harness: SIGTERM {Name} at {DateTimeOffset.UtcNow:O}");
        var clock = Stopwatch.StartNew();
        await Signals.TerminateAsync(_process.Id);
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return clock.Elapsed;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Unplanned exits so far (crashes), counting the current one if it has ended.</summary>
    public int Crashes => Starts - 1 + (_process.HasExited ? 1 : 0) - DeliberateStops;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _log.Dispose();
        _http.Dispose();
    }
}
