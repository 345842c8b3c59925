using System.Collections.Concurrent;

namespace KamajiKubeconfig.Sandbox.Http;

/// <summary>
/// How many resource requests the sandbox received, by user, verb and resource (with its subresource, e.g.
/// <c>kubeconfiggenerators/status</c>). Counted on the server side, after authentication and routing, whatever the
/// outcome: benchmarks use it to count a controller's writes without trusting the controller's own metrics.
/// </summary>
public sealed class RequestCounter
{
    private readonly ConcurrentDictionary<RequestKind, long> _counts = new();

    public void Record(string user, string verb, string resource) =>
        _counts.AddOrUpdate(new RequestKind(user, verb, resource), 1, (_, count) => count + 1);

    /// <summary>A copy of the counts so far.</summary>
    public IReadOnlyDictionary<RequestKind, long> Snapshot() => new Dictionary<RequestKind, long>(_counts);
}
