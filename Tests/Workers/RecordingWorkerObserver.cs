using System.Collections.Concurrent;
using KamajiKubeconfig.Controller.Applier;
using KamajiKubeconfig.Controller.Workers;

namespace KamajiKubeconfig.Tests.Workers;

/// <summary>
/// Passes every call on to the observer under test (the production one, with mocked metrics) and records each
/// finished pass, then runs <see cref="AfterPass"/>: the point at which the worker has made all its queue calls.
/// </summary>
internal sealed class RecordingWorkerObserver(IWorkerObserver inner) : IWorkerObserver
{
    private readonly ConcurrentQueue<(WorkerDecision Decision, bool Bug)> _passes = new();

    public IReadOnlyList<(WorkerDecision Decision, bool Bug)> Passes => [.. _passes];

    public Action? AfterPass { get; set; }

    public void PassStarted() => inner.PassStarted();

    public void PassFinished(string generator, WorkerDecision decision, PassReport? report, bool bug, TimeSpan duration)
    {
        inner.PassFinished(generator, decision, report, bug, duration);
        _passes.Enqueue((decision, bug));
        AfterPass?.Invoke();
    }
}
