using System.Net;
using k8s;
using KamajiKubeconfig.Controller.Hosting;
using KamajiKubeconfig.Controller.Issuing;
using KamajiKubeconfig.Controller.Observability;
using KamajiKubeconfig.Tests.Builders;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KamajiKubeconfig.Tests.EndToEnd;

/// <summary>
/// The real controller, hosted in-process with the production wiring, talking HTTPS to the sandbox with the
/// credentials it is given. Only the key source is swapped (pooled keys keep the suite fast).
/// </summary>
internal sealed class ControllerUnderTest : IAsyncDisposable
{
    private readonly WebApplication _host;
    private readonly Kubernetes _client;

    private ControllerUnderTest(WebApplication host, Kubernetes client, string identity)
    {
        _host = host;
        _client = client;
        Identity = identity;
    }

    public string Identity { get; }

    public ObservabilityServer Observability => _host.Services.GetRequiredService<ObservabilityServer>();

    public IHostApplicationLifetime Lifetime => _host.Services.GetRequiredService<IHostApplicationLifetime>();

    public static async Task<ControllerUnderTest> StartAsync(string kubeconfigPath, ControllerOptions? options = null, string? identity = null)
    {
        options ??= new ControllerOptions();
        options = options with { MetricsBindAddress = new(IPAddress.Loopback, 0), HealthProbeBindAddress = new(IPAddress.Loopback, 0), PodNamespace = "kamaji-system" };
        identity ??= $"test-{Guid.NewGuid():N}"[..13];
        var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfigPath));
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        builder.Services.AddKubeconfigGenerator(options, client, identity);
        builder.Services.Replace(ServiceDescriptor.Singleton<IKeyMaterialSource>(FixedKeySource.Shared));
        var host = builder.Build();
        host.MapObservability();
        await host.StartAsync();
        return new ControllerUnderTest(host, client, identity);
    }

    /// <summary>True once a test stopped this controller.</summary>
    public bool Stopped { get; private set; }

    public async Task StopAsync()
    {
        Stopped = true;
        await _host.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync();
        }
        catch (OperationCanceledException)
        {
            // Already stopping.
        }
        await _host.DisposeAsync();
        _client.Dispose();
    }
}
