using System.Diagnostics;

namespace KamajiKubeconfig.Benchmarks.Harness;

/// <summary>
/// One level of the run: a sandbox seeded with N tenants and the controller process against it, plus the waits
/// every scenario needs (converged, settled, quiet) and <see cref="Mark"/> to measure between two instants.
/// </summary>
public sealed class TenantLevel : IAsyncDisposable
{
    private readonly string _kubeconfig;
    private readonly string _logFile;

    private TenantLevel(BenchPlan plan, string name, int tenants, BenchSandbox sandbox, string kubeconfig, string logFile, ProgressLog progress)
    {
        Plan = plan;
        Name = name;
        Tenants = tenants;
        Sandbox = sandbox;
        Progress = progress;
        _kubeconfig = kubeconfig;
        _logFile = logFile;
    }

    public BenchPlan Plan { get; }

    public string Name { get; }

    public int Tenants { get; }

    public BenchSandbox Sandbox { get; }

    public ProgressLog Progress { get; }

    public ControllerProcess Controller { get; private set; } = null!;

    /// <summary>Seconds from the controller's start to /readyz answering 200 (its caches synced).</summary>
    public double ReadySeconds { get; private set; }

    public ProcessStats AtReady { get; private set; }

    /// <summary>The controller's CPU when idle, in cores (set by the idle window; subtracted from event costs).</summary>
    public double IdleCores { get; set; }

    public static async Task<TenantLevel> StartAsync(BenchPlan plan, string name, int tenants, ProgressLog progress)
    {
        var started = Stopwatch.GetTimestamp();
        var sandbox = await BenchSandbox.StartAsync(tenants, changesAhead: 20 * (plan.EventsPerKind + plan.EcdsaLatencySamples + plan.RsaLatencySamples),
            TimeSpan.FromMinutes(10) + TimeSpan.FromMilliseconds(50 * tenants));
        progress.Write(name, $"sandbox seeded with {tenants} tenants in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
        Directory.CreateDirectory(plan.LogDirectory);
        var kubeconfig = sandbox.WriteControllerKubeconfig(Path.Combine(plan.LogDirectory, $"{name}.kubeconfig"));
        var logFile = Path.Combine(plan.LogDirectory, $"{name}-controller.log");
        File.Delete(logFile);
        var level = new TenantLevel(plan, name, tenants, sandbox, kubeconfig, logFile, progress);
        try
        {
            await level.StartControllerAsync();
        }
        catch
        {
            await level.DisposeAsync();
            throw;
        }
        progress.Write(name, $"controller ready in {level.ReadySeconds:F1} s, RSS {level.AtReady.RssMiB:F0} MiB");
        return level;
    }

    /// <summary>Starts a controller process (after a kill, a new one) and waits until it is ready.</summary>
    public async Task StartControllerAsync()
    {
        Controller = ControllerProcess.Start(_kubeconfig, _logFile, Plan.MemoryLimitBytes);
        await Poll.UntilAsync(Controller.IsReadyAsync, TimeSpan.FromMinutes(3), "the controller to become ready", Diagnostics, 50);
        ReadySeconds = Stopwatch.GetElapsedTime(Controller.StartedAt).TotalSeconds;
        AtReady = Controller.Stats();
    }

    public async Task KillControllerAsync()
    {
        await Controller.KillAsync();
        await Controller.DisposeAsync();
    }

    public void Log(string message) => Progress.Write(Name, message);

    public Checkpoint Mark() => new(Stopwatch.GetTimestamp(), Controller.CpuSeconds(), ProcessStats.Self().CpuSeconds, Sandbox.ControllerWrites());

    public string Diagnostics() => $"controller log tail ({_logFile}):\n{Controller.LogTail()}";

    /// <summary>Until every selected TCP of <paramref name="generator"/> has its Secret and the generator is Ready.</summary>
    public Task ConvergedAsync(string generator, int tenants, TimeSpan timeout) => Poll.UntilAsync(
        () => Converged(generator, tenants), timeout,
        $"{tenants} kubeconfigs of {generator} (have {Sandbox.Watch.Count(generator)}, status {Sandbox.Generator(generator)})",
        Diagnostics);

    /// <summary>As <see cref="ConvergedAsync"/>, but false instead of a failure when the time is up.</summary>
    public async Task<bool> TryConvergeAsync(string generator, int tenants, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(Stopwatch.Frequency * timeout.TotalSeconds);
        while (!Converged(generator, tenants))
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                return false;
            }
            await Task.Delay(20);
        }
        return true;
    }

    private bool Converged(string generator, int tenants) =>
        Sandbox.Watch.Count(generator) == tenants
        && Sandbox.Generator(generator) is { Ready: true } state && state.Available == tenants && state.Resources == tenants;

    /// <summary>
    /// Until the controller's CPU grew by at most one clock tick (10 ms) over <see cref="BenchPlan.QuietWindow"/>:
    /// the work an event caused, including the passes its own writes trigger, is over. Read from /proc, so waiting
    /// costs the controller nothing.
    /// </summary>
    public async Task QuietAsync(TimeSpan? timeout = null)
    {
        var samples = new Queue<(long At, double Cpu)>();
        var deadline = Stopwatch.GetTimestamp() + (long)(Stopwatch.Frequency * (timeout ?? TimeSpan.FromMinutes(2)).TotalSeconds);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var now = (At: Stopwatch.GetTimestamp(), Cpu: Controller.CpuSeconds());
            samples.Enqueue(now);
            while (samples.Count > 1 && Stopwatch.GetElapsedTime(samples.ElementAt(1).At, now.At) >= Plan.QuietWindow)
            {
                samples.Dequeue();
            }
            var oldest = samples.Peek();
            if (Stopwatch.GetElapsedTime(oldest.At, now.At) >= Plan.QuietWindow && now.Cpu - oldest.Cpu <= 0.0101)
            {
                return;
            }
            await Task.Delay(50);
        }
        throw new BenchException($"the controller never went quiet\n{Diagnostics()}");
    }

    /// <summary>Until the work queue is empty and no worker busy (twice, a second apart), then quiet.</summary>
    public async Task SettleAsync()
    {
        for (var idle = 0; idle < 2;)
        {
            idle = (await Controller.ScrapeAsync()).QueueIdle ? idle + 1 : 0;
            await Task.Delay(idle == 1 ? Plan.QuietWindow * 2 : TimeSpan.FromMilliseconds(200));
        }
        await QuietAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Controller is not null)
        {
            await Controller.DisposeAsync();
        }
        await Sandbox.DisposeAsync();
    }
}
