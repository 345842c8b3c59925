namespace KamajiKubeconfig.Informers;

/// <summary>The default metrics port: records nothing.</summary>
public sealed class NoopInformerMetrics : IInformerMetrics
{
    private NoopInformerMetrics()
    {
    }

    public static NoopInformerMetrics Instance { get; } = new();

    public void Restarted(string informer, RestartReason reason)
    {
    }

    public void Relisted(string informer)
    {
    }

    public void HandlerFailed(string informer)
    {
    }

    public void TransformFailed(string informer)
    {
    }
}
