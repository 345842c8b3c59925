using KamajiKubeconfig.Informers;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Observability;

/// <summary>
/// The ports' implementations: each call maps to series resolved in the constructor, so recording is an
/// array index and an atomic add. Nothing here throws: an unknown enum value or a negative count is ignored.
/// </summary>
internal sealed partial class ControllerMetrics
{
    // Indexed by ReconcileOutcome; Error and TerminalError share the "error" series.
    private readonly CounterSeries[] _reconcileResults;
    private readonly CounterSeries _reconcileErrorsSeries;
    private readonly CounterSeries _terminalErrorsSeries;
    private readonly CounterSeries _panicsSeries;
    private readonly HistogramSeries _reconcileTimeSeries;
    private readonly GaugeSeries _activeWorkersSeries;
    private readonly GaugeSeries _leaderSeries;
    private readonly CounterSeries[] _issuedByReason;
    private readonly CounterSeries[] _applyByOutcome;

    // Generator state changes rarely (once per pass); one lock keeps a removal from racing a scrape's refresh.
    private readonly Lock _generatorsLock = new();
    private readonly Dictionary<string, DateTimeOffset> _earliestExpiry = new(StringComparer.Ordinal);

    public void ReconcileStarted() => _activeWorkersSeries.Inc();

    public void ReconcileFinished(ReconcileOutcome outcome, TimeSpan duration)
    {
        _activeWorkersSeries.Dec();
        LabelValue.Pick(_reconcileResults, (int)outcome)?.Inc();
        if (outcome is ReconcileOutcome.Error or ReconcileOutcome.TerminalError)
        {
            // As controller-runtime: the errors total also counts terminal errors.
            _reconcileErrorsSeries.Inc();
        }

        if (outcome == ReconcileOutcome.TerminalError)
        {
            _terminalErrorsSeries.Inc();
        }

        _reconcileTimeSeries.Observe(duration.TotalSeconds);
    }

    public void ReconcilePanicked() => _panicsSeries.Inc();

    public void CertificateIssued(IssueReason reason) => LabelValue.Pick(_issuedByReason, (int)reason)?.Inc();

    public void SecretsPruned(int count) => _secretsPruned.Unlabelled.Inc(count);

    public void SecretsRepaired(int count) => _secretsRepaired.Unlabelled.Inc(count);

    public void GeneratorObserved(string generator, int resources, int availableResources, DateTimeOffset? earliestExpiry)
    {
        lock (_generatorsLock)
        {
            _resources.WithLabels(generator).Set(resources);
            _availableResources.WithLabels(generator).Set(availableResources);
            if (earliestExpiry is { } expiry)
            {
                _earliestExpiry[generator] = expiry;
                SetSecondsUntil(generator, expiry);
            }
            else
            {
                // No certificate, no expiry: an absent series is honest, a made-up number is not.
                _earliestExpiry.Remove(generator);
                _secondsUntilExpiry.Remove(generator);
            }
        }
    }

    public void GeneratorDeleted(string generator)
    {
        lock (_generatorsLock)
        {
            _earliestExpiry.Remove(generator);
            _resources.Remove(generator);
            _availableResources.Remove(generator);
            _secondsUntilExpiry.Remove(generator);
        }
    }

    public void Restarted(string informer, RestartReason reason) => _watchRestarts.WithLabels(informer, LabelValue.Of(reason)).Inc();

    public void Relisted(string informer) => _relists.WithLabels(informer).Inc();

    public void HandlerFailed(string informer) => _handlerFailures.WithLabels(informer).Inc();

    public void TransformFailed(string informer) => _transformFailures.WithLabels(informer).Inc();

    public void ApplyRequestCompleted(ApplyRequestOutcome outcome) => LabelValue.Pick(_applyByOutcome, (int)outcome)?.Inc();

    public void LeadershipChanged(bool isLeader) => _leaderSeries.Set(isLeader ? 1 : 0);

    /// <summary>Recomputed at every scrape, so the value counts down between passes instead of freezing.</summary>
    private void RefreshExpiries()
    {
        lock (_generatorsLock)
        {
            foreach (var (generator, expiry) in _earliestExpiry)
            {
                SetSecondsUntil(generator, expiry);
            }
        }
    }

    private void SetSecondsUntil(string generator, DateTimeOffset expiry) =>
        _secondsUntilExpiry.WithLabels(generator).Set((expiry - _timeProvider.GetUtcNow()).TotalSeconds);
}
