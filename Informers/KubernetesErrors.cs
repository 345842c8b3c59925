using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace KamajiKubeconfig.Informers;

/// <summary>
/// Maps the C# client's ways of failing (kubernetes-api.md B5, B8) to what the informer acts on.
/// </summary>
internal static class KubernetesErrors
{
    /// <summary>An HTTP 410 on a list, a continue token or the watch request itself.</summary>
    public static bool IsGone(HttpOperationException exception) =>
        exception.Response?.StatusCode == HttpStatusCode.Gone;

    public static ResourceVersionExpiredException Expired(Exception inner) =>
        new("The resourceVersion is too old (410); a relist is needed.", inner);

    /// <summary>
    /// The client throws this when the server ends a watch before its first line (an empty watch reaching its
    /// timeout): "Error while copying content to a stream" over an <see cref="EndOfStreamException"/>
    /// (issues #893, #1507, #1675). It is a clean end, not a failure.
    /// </summary>
    public static bool EndedBeforeFirstLine(HttpRequestException exception)
    {
        for (Exception? inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is EndOfStreamException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Turns what the client passed to <c>onError</c> into the exception the informer acts on. A watch ERROR
    /// event arrives there as a <see cref="KubernetesException"/> carrying the server's Status; 410 (reason
    /// Expired, or Gone on old servers) means relist.
    /// </summary>
    public static Exception FromStreamError(Exception reported) => reported switch
    {
        KubernetesException { Status: { } status } when IsExpired(status) => Expired(reported),
        KubernetesException { Status: { } status } => new WatchFailedException(
            $"The watch reported {status.Code} {status.Reason}: {status.Message}", reported)
        { Code = status.Code },
        _ => new WatchFailedException("A watch event could not be read.", reported),
    };

    private static bool IsExpired(V1Status status) =>
        status.Code == (int)HttpStatusCode.Gone
        || string.Equals(status.Reason, "Expired", StringComparison.Ordinal)
        || string.Equals(status.Reason, "Gone", StringComparison.Ordinal);
}
