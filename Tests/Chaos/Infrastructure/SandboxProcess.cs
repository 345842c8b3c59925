using System.Diagnostics;
using System.Globalization;
using System.Text;
using KamajiKubeconfig.Chaos.Checks;

namespace KamajiKubeconfig.Chaos.Infrastructure;

/// <summary>
/// The sandbox API server as its own process (<c>make sandbox</c>'s executable) with our CRDs and the Kamaji simulator.
/// Ready when it has written its admin kubeconfig; stopped with SIGTERM, then killed.
/// </summary>
public sealed class SandboxProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly LogFile _log;

    private SandboxProcess(Process process, LogFile log, Uri baseAddress, string caPem, string adminToken)
    {
        _process = process;
        _log = log;
        BaseAddress = baseAddress;
        CaPem = caPem;
        AdminToken = adminToken;
    }

    public Uri BaseAddress { get; }

    public string CaPem { get; }

    public string AdminToken { get; }

    public static async Task<SandboxProcess> StartAsync(string directory, bool ecdsaCas, TimeSpan clockOffset)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])[RepoLayout.SandboxDll, "--port", "0", "--dir", directory, "--crds", RepoLayout.Crds,
            ecdsaCas ? "--kamaji-ecdsa" : "--kamaji", "--clock-offset", ((int)clockOffset.TotalSeconds).ToString(CultureInfo.InvariantCulture)])
        {
            info.ArgumentList.Add(arg);
        }
        var kubeconfig = Path.Combine(directory, "kubeconfig");
        File.Delete(kubeconfig);
        var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start the sandbox");
        var log = new LogFile(Path.Combine(directory, "sandbox.log"));
        process.OutputDataReceived += (_, e) => log.Write(e.Data);
        process.ErrorDataReceived += (_, e) => log.Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var ready = await Poll.UntilAsync(() => Task.FromResult(File.Exists(kubeconfig) && new FileInfo(kubeconfig).Length > 0 || process.HasExited),
            TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(50));
        if (ready is null || process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"the sandbox did not start; see {directory}/sandbox.log");
        }
        await Task.Delay(100);
        var config = YamlDocuments.TryParseObject(await File.ReadAllTextAsync(kubeconfig), out var error)
            ?? throw new InvalidOperationException("unreadable sandbox kubeconfig: " + error);
        var cluster = config["clusters"]![0]!["cluster"]!;
        var server = new Uri(cluster["server"]!.GetValue<string>() + "/");
        var ca = Encoding.UTF8.GetString(Convert.FromBase64String(cluster["certificate-authority-data"]!.GetValue<string>()));
        var token = config["users"]![0]!["user"]!["token"]!.GetValue<string>();
        return new SandboxProcess(process, log, server, ca, token);
    }

    public bool HasExited => _process.HasExited;

    /// <summary>A client for the admin (system:masters) or for another bearer token.</summary>
    public ApiClient Client(string? token = null, TimeSpan? timeout = null) => new(BaseAddress, CaPem, token ?? AdminToken, timeout);

    /// <summary>A kubeconfig (YAML) for a bearer token, as the sandbox itself writes them.</summary>
    public string KubeconfigFor(string token) => $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: sandbox
          cluster:
            server: {BaseAddress.GetLeftPart(UriPartial.Authority)}
            certificate-authority-data: {Convert.ToBase64String(Encoding.UTF8.GetBytes(CaPem))}
        users:
        - name: sandbox
          user:
            token: {token}
        contexts:
        - name: sandbox
          context:
            cluster: sandbox
            user: sandbox
        current-context: sandbox

        """;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await Signals.TerminateAsync(_process.Id);
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        _process.Dispose();
        _log.Dispose();
    }
}
