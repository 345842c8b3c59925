using KamajiKubeconfig.Controller.Applier;

namespace KamajiKubeconfig.Controller.Workers;

/// <summary>What the worker reports about passes (metrics).</summary>
public interface IWorkerObserver
{
    void PassStarted();

    /// <summary>
    /// After every started pass, once. <paramref name="report"/> is null when the pass threw, was cancelled or found
    /// the generator gone; <paramref name="bug"/> is true when it threw something no API failure or timeout explains
    /// (or contained such exceptions per target).
    /// </summary>
    void PassFinished(string generator, WorkerDecision decision, PassReport? report, bool bug, TimeSpan duration);
}
