namespace KamajiKubeconfig.Informers;

/// <summary>Raised by the informer itself to end a watch it judged unhealthy (idle or too short).</summary>
internal sealed class InformerRestartException : Exception
{
    public InformerRestartException(RestartReason reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    public RestartReason Reason { get; }
}
