using KamajiKubeconfig.Controller.Applier;

namespace KamajiKubeconfig.Controller.Workers;

/// <summary>The worker's view of a pass, so the retry policy can be tested without an API server.</summary>
public interface IPassRunner
{
    /// <summary>Runs one pass; null when the generator is gone.</summary>
    Task<PassReport?> RunAsync(string generatorName, CancellationToken cancellationToken);
}
