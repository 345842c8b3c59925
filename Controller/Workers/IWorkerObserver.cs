using KamajiKubeconfig.Controller.Applier;

namespace KamajiKubeconfig.Controller.Workers;

/// <summary>What the worker reports about passes (metrics, readiness); a no-op by default.</summary>
public interface IWorkerObserver
{
    void PassStarted();

    /// <summary>After a pass. <paramref name="report"/> null with no failure = generator gone or cancelled.</summary>
    void PassFinished(string generator, PassReport? report, Exception? failure, TimeSpan duration);
}
