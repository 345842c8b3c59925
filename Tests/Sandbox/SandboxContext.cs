using KamajiKubeconfig.Sandbox.Api;
using KamajiKubeconfig.Sandbox.Auth;
using KamajiKubeconfig.Sandbox.Faults;
using KamajiKubeconfig.Sandbox.Http;
using KamajiKubeconfig.Sandbox.Storage;

namespace KamajiKubeconfig.Sandbox;

/// <summary>The shared state of one sandbox: store, served types, identities, policy and faults. Survives restarts.</summary>
public sealed class SandboxContext : IDisposable
{
    public SandboxContext(SandboxOptions options)
    {
        Options = options;
        Store = new ObjectStore(options.HistoryCapacity);
        Clock = options.TimeProvider ?? TimeProvider.System;
    }

    public SandboxOptions Options { get; }

    public ObjectStore Store { get; }

    public ResourceRegistry Registry { get; } = new();

    public Authenticator Authenticator { get; } = new();

    public RbacAuthorizer Authorizer { get; internal set; } = null!;

    public FaultInjector Faults { get; } = new();

    /// <summary>Resource requests received, by user, verb and resource (benchmarks count writes here).</summary>
    public RequestCounter Requests { get; } = new();

    public TimeProvider Clock { get; }

    /// <summary>Cancelled when the sandbox is disposed: background controllers stop with it.</summary>
    public CancellationToken Stopping => _stopping.Token;

    private readonly CancellationTokenSource _stopping = new();

    internal void Stop() => _stopping.Cancel();

    public void Dispose() => _stopping.Dispose();

    public string Now => ObjectRules.FormatTime(Clock.GetUtcNow());

    /// <summary>PEM of the CA behind the serving certificate.</summary>
    public string SandboxCaPem { get; internal set; } = "";

    /// <summary>The URL clients use, known once Kestrel listens.</summary>
    public Uri BaseAddress { get; internal set; } = new("https://127.0.0.1/");
}
