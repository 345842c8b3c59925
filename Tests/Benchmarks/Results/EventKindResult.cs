namespace KamajiKubeconfig.Benchmarks.Results;

/// <summary>
/// K events of one kind, one at a time, each until the controller is quiet again. CPU is net of the controller's
/// idle CPU over the same time; passes and writes are per event.
/// </summary>
public sealed record EventKindResult(
    int Events,
    double ControllerCpuMsPerEvent,
    double SandboxCpuMsPerEvent,
    double WallMsPerEvent,
    double PassesPerEvent,
    double WritesPerEvent);
