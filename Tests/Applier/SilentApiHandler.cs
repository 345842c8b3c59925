using k8s;

namespace KamajiKubeconfig.Tests.Applier;

/// <summary>
/// An API server that accepts every request and never answers: the request ends only when it is cancelled, by the
/// caller or by the client's own timeout (<see cref="KubernetesClientConfiguration.HttpClientTimeout"/>).
/// </summary>
internal sealed class SilentApiHandler : DelegatingHandler
{
    /// <summary>A real client whose every request ends here, and which gives up after <paramref name="timeout"/>.</summary>
    public IKubernetes CreateClient(TimeSpan timeout) =>
        new Kubernetes(new KubernetesClientConfiguration { Host = "http://127.0.0.1:9", HttpClientTimeout = timeout }, this);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        throw new InvalidOperationException("unreachable: the delay only ends by cancellation");
    }
}
