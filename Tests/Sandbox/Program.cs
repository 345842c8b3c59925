using System.Globalization;
using System.Runtime.InteropServices;
using KamajiKubeconfig.Sandbox;

// `make sandbox`: serve on 127.0.0.1:$SANDBOX_PORT, write $SANDBOX_DIR/kubeconfig once ready, stop on Ctrl-C.
var port = 6443;
var dir = ".sandbox";
var crds = new List<string>();
var rbac = new List<string>();
var kamaji = false;
var kamajiEcdsa = false;
var clockOffset = TimeSpan.Zero;
var bench = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--port":
            port = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--dir":
            dir = args[++i];
            break;
        case "--crds":
            crds.Add(args[++i]);
            break;
        case "--rbac":
            rbac.Add(args[++i]);
            break;
        case "--kamaji":
            kamaji = true;
            break;
        case "--kamaji-ecdsa":
            kamaji = true;
            kamajiEcdsa = true;
            break;
        case "--clock-offset":
            clockOffset = TimeSpan.FromSeconds(int.Parse(args[++i], CultureInfo.InvariantCulture));
            break;
        case "--bench":
            bench = true;
            break;
        default:
            await Console.Error.WriteLineAsync($"unknown argument {args[i]}; usage: [--port N] [--dir D] [--crds DIR]... [--rbac DIR]... [--kamaji] [--kamaji-ecdsa] [--clock-offset SECONDS] [--bench]");
            return 2;
    }
}
if (bench)
{
    return await Benchmark.RunAsync(Console.Out, CancellationToken.None);
}
using var stop = new CancellationTokenSource();
void Stop(PosixSignalContext signal)
{
    signal.Cancel = true;
    stop.Cancel();
}
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
var options = new SandboxOptions
{
    Port = port,
    CrdPaths = [.. crds.Where(p => Directory.Exists(p) || File.Exists(p))],
    RbacPaths = rbac,
    KamajiSimulator = kamaji,
    TimeProvider = new KamajiKubeconfig.Sandbox.Faults.SkewedClock(clockOffset),
};
await using var server = await SandboxServer.StartAsync(options, stop.Token);
server.Kamaji.UseEcdsa = kamajiEcdsa;
var kubeconfig = server.WriteKubeconfig(Path.Combine(dir, "kubeconfig"));
Console.WriteLine($"sandbox API server listening on {server.BaseAddress}; admin kubeconfig: {kubeconfig}");
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    Console.WriteLine("stopping");
}
return 0;
