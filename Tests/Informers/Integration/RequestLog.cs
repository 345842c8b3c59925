using System.Collections.Concurrent;
using System.Web;

namespace KamajiKubeconfig.Tests.Informers.Integration;

/// <summary>
/// Records every request the informer's client sends, so a test can tell a re-watch from a relist and see which
/// resourceVersion a watch resumed from: the informer exposes neither, and the wire is the contract anyway.
/// </summary>
internal sealed class RequestLog : DelegatingHandler
{
    private readonly ConcurrentQueue<Uri> _requests = new();

    public IReadOnlyList<Uri> All => [.. _requests];

    public IReadOnlyList<Uri> Lists => [.. All.Where(u => !IsWatch(u))];

    public IReadOnlyList<Uri> Watches => [.. All.Where(IsWatch)];

    public static string? Query(Uri uri, string name) => HttpUtility.ParseQueryString(uri.Query)[name];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _requests.Enqueue(request.RequestUri!);
        return base.SendAsync(request, cancellationToken);
    }

    private static bool IsWatch(Uri uri) => Query(uri, "watch") == "true";
}
