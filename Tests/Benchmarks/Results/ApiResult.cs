namespace KamajiKubeconfig.Benchmarks.Results;

/// <summary>
/// The controller's write requests as the sandbox counted them (create, update, patch, delete by its service
/// account): per kubeconfig issued during each convergence, and in each level's idle window (must be 0).
/// </summary>
public sealed record ApiResult(IReadOnlyDictionary<string, ConvergenceWrites> Convergence, IReadOnlyDictionary<string, IdleWrites> Idle);
