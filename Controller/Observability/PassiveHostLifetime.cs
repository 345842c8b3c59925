using Microsoft.Extensions.Hosting;

namespace KamajiKubeconfig.Controller.Observability;

/// <summary>
/// A host lifetime that reacts to nothing. The default console lifetime would register a second SIGTERM
/// handler and stop the endpoints on its own, before the application's host has shut its workers down.
/// </summary>
internal sealed class PassiveHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
