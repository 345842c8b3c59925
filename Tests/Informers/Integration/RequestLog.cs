using System.Collections.Concurrent;
using System.Web;

namespace KamajiKubeconfig.Tests.Informers.Integration;

/// <summary>
/// Records every request the informer's client sends, so a test can tell a re-watch from a relist, see which
/// resourceVersion a watch resumed from and how far apart retries were: the informer exposes none of that, and
/// the wire is the contract anyway.
/// </summary>
internal sealed class RequestLog : DelegatingHandler
{
    private readonly ConcurrentQueue<(Uri Uri, DateTimeOffset At)> _requests = new();

    public IReadOnlyList<Uri> Lists => [.. _requests.Where(r => !IsWatch(r.Uri)).Select(r => r.Uri)];

    public IReadOnlyList<DateTimeOffset> ListTimes => [.. _requests.Where(r => !IsWatch(r.Uri)).Select(r => r.At)];

    public IReadOnlyList<Uri> Watches => [.. _requests.Where(r => IsWatch(r.Uri)).Select(r => r.Uri)];

    public IReadOnlyList<DateTimeOffset> WatchTimes => [.. _requests.Where(r => IsWatch(r.Uri)).Select(r => r.At)];

    public static string? Query(Uri uri, string name) => HttpUtility.ParseQueryString(uri.Query)[name];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _requests.Enqueue((request.RequestUri!, TimeProvider.System.GetUtcNow()));
        return base.SendAsync(request, cancellationToken);
    }

    private static bool IsWatch(Uri uri) => Query(uri, "watch") == "true";
}
