using System.Collections.Concurrent;
using System.Net;
using System.Text;
using k8s;

namespace KamajiKubeconfig.Tests.Fakes;

/// <summary>
/// A minimal in-process API server for the real C# client: a delegating handler that answers from a script
/// instead of calling the network (docs/kubernetes-notes.md B3). Every request URI is recorded.
/// </summary>
internal sealed class StubApiHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : DelegatingHandler
{
    private readonly ConcurrentQueue<Uri> _requests = new();

    public IReadOnlyList<Uri> Requests => [.. _requests];

    /// <summary>A real client whose every request ends in this handler.</summary>
    public IKubernetes CreateClient() =>
        new Kubernetes(new KubernetesClientConfiguration { Host = "http://127.0.0.1:9" }, this);

    public static HttpResponseMessage Json(string body, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    /// <summary>A watch body: one compact JSON event per line, as the API server streams it.</summary>
    public static HttpResponseMessage WatchLines(params string[] lines) =>
        Json(lines.Length == 0 ? string.Empty : string.Join('\n', lines) + "\n");

    public static HttpResponseMessage Status(HttpStatusCode code, string reason) =>
        Json($$"""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","reason":"{{reason}}","code":{{(int)code}}}""", code);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _requests.Enqueue(request.RequestUri!);
        var response = answer(request);

        // The client reads the request back from the response, as HttpClient's own handlers set it.
        response.RequestMessage = request;
        return Task.FromResult(response);
    }
}
