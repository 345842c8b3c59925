using Microsoft.Extensions.Hosting;

namespace KamajiKubeconfig.Sandbox.Http;

/// <summary>Keeps the embedded host from taking over Ctrl-C/SIGTERM: the owner of the sandbox decides when it stops.</summary>
internal sealed class NullHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
