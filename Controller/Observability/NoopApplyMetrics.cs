namespace KamajiKubeconfig.Controller.Observability;

/// <summary>Records nothing: the default for appliers built without metrics.</summary>
internal sealed class NoopApplyMetrics : IApplyMetrics
{
    public static readonly NoopApplyMetrics Instance = new();

    private NoopApplyMetrics()
    {
    }

    public void ApplyRequestCompleted(ApplyRequestOutcome outcome)
    {
    }
}
