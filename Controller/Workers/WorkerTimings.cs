namespace KamajiKubeconfig.Controller.Workers;

/// <summary>The worker's two time limits: how long one pass may run, and the longest wait before a retry.</summary>
public sealed record WorkerTimings(TimeSpan PassTimeout, TimeSpan MaxRetryDelay);
