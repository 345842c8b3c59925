namespace KamajiKubeconfig.Informers;

/// <summary>
/// The informer's metrics port (client-go <c>util/workqueue/metrics.go</c> shape): tiny, no dependency on a
/// metrics library, none by default. <c>informer</c> is the informer's configured name, never an object name.
/// </summary>
public interface IInformerMetrics
{
    void Restarted(string informer, RestartReason reason);

    /// <summary>A list after the first one completed and replaced the cache.</summary>
    void Relisted(string informer);

    void HandlerFailed(string informer);

    void TransformFailed(string informer);
}
