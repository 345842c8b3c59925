using System.Collections.Concurrent;
using KamajiKubeconfig.Informers;

namespace KamajiKubeconfig.Tests.Fakes;

/// <summary>Records every metrics call as a short string, e.g. "restarted:Expired".</summary>
internal sealed class RecordingInformerMetrics : IInformerMetrics
{
    private readonly ConcurrentQueue<string> _calls = new();

    public IReadOnlyList<string> Calls => [.. _calls];

    public void Restarted(string informer, RestartReason reason) => _calls.Enqueue($"restarted:{reason}");

    public void Relisted(string informer) => _calls.Enqueue("relisted");

    public void HandlerFailed(string informer) => _calls.Enqueue("handler-failed");

    public void TransformFailed(string informer) => _calls.Enqueue("transform-failed");
}
