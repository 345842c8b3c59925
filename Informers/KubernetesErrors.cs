using System.Globalization;
using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace KamajiKubeconfig.Informers;

/// <summary>
/// The one place that reads the C# client's ways of failing (docs/kubernetes-notes.md B5, B8): the Status body of
/// an error answer, its Retry-After, and which exceptions mean "no answer" (connection refused or reset, TLS
/// failure, client timeout). The informer maps them to what it acts on; the applier to its outcome kinds.
/// </summary>
public static class KubernetesErrors
{
    /// <summary>Maps an error answer to a list or watch request; null leaves the client's exception as it is.</summary>
    public static InformerRestartException? FromResponse(HttpOperationException exception) => exception.Response switch
    {
        { StatusCode: HttpStatusCode.Gone } => Expired(exception),
        { StatusCode: HttpStatusCode.TooManyRequests } response =>
            Throttled(RetryAfterSeconds(response.Headers) ?? ReadStatus(response.Content)?.Details?.RetryAfterSeconds, exception),
        { } response when ReadStatus(response.Content) is { } status && IsTooLarge(status) => TooLarge(exception),
        _ => null,
    };

    /// <summary>
    /// Maps what the client passed to <c>onError</c>: a watch ERROR event arrives as a <see cref="KubernetesException"/>
    /// carrying the server's Status (410 says reason Expired, or Gone on old servers).
    /// </summary>
    public static InformerRestartException FromStreamError(Exception reported) => reported switch
    {
        KubernetesException { Status: { } status } when status.Code == (int)HttpStatusCode.Gone || status.Reason is "Expired" or "Gone" =>
            Expired(reported),
        KubernetesException { Status: { } status } when IsTooLarge(status) => TooLarge(reported),
        KubernetesException { Status: { Code: (int)HttpStatusCode.TooManyRequests } status } => Throttled(status.Details?.RetryAfterSeconds, reported),
        KubernetesException { Status: { } status } =>
            new(RestartReason.Error, $"The watch reported {status.Code} {status.Reason}: {status.Message}", reported),
        _ => new(RestartReason.Error, "A watch event could not be read.", reported),
    };

    private static InformerRestartException Expired(Exception inner) =>
        new(RestartReason.Expired, "The resourceVersion is too old (410); a relist is needed.", inner);

    private static InformerRestartException TooLarge(Exception inner) =>
        new(RestartReason.TooLargeResourceVersion, "The server has not reached the resourceVersion yet (504 ResourceVersionTooLarge); a relist is needed.", inner);

    private static InformerRestartException Throttled(int? retryAfterSeconds, Exception inner) =>
        new(RestartReason.TooManyRequests, $"The server throttled the request (429, Retry-After {retryAfterSeconds?.ToString(CultureInfo.InvariantCulture) ?? "none"}).", inner)
        {
            RetryAfter = retryAfterSeconds is int s and > 0 ? TimeSpan.FromSeconds(s) : null,
        };

    /// <summary>
    /// client-go's <c>isTooLargeResourceVersionError</c>: the ResourceVersionTooLarge cause, or on servers older than
    /// 1.18.6 (which set no cause) a 504 whose message says so.
    /// </summary>
    private static bool IsTooLarge(V1Status status) =>
        status.Details?.Causes?.Any(c => c.Reason == "ResourceVersionTooLarge") == true
        || (status.Code == (int)HttpStatusCode.GatewayTimeout
            && (status.Message?.Contains("Too large resource version", StringComparison.Ordinal) == true
                || status.Details?.Causes?.Any(c => c.Message == "Too large resource version") == true));

    /// <summary>
    /// The client throws this when the server ends a watch before its first line (an empty watch reaching its
    /// timeout): "Error while copying content to a stream" over an <see cref="EndOfStreamException"/>
    /// (issues #893, #1507, #1675). It is a clean end, not a failure.
    /// </summary>
    public static bool EndedBeforeFirstLine(Exception? exception) =>
        exception?.InnerException is { } inner && (inner is EndOfStreamException || EndedBeforeFirstLine(inner));

    /// <summary>
    /// Retry-After in whole seconds, the only form API servers send; like client-go (<c>rest/request.go</c>
    /// checkWait) an HTTP-date or anything else unparsable counts as absent.
    /// </summary>
    public static int? RetryAfterSeconds(IDictionary<string, IEnumerable<string>>? headers) =>
        headers?.Where(h => string.Equals(h.Key, "Retry-After", StringComparison.OrdinalIgnoreCase))
            .Select(h => int.TryParse(h.Value.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : (int?)null)
            .FirstOrDefault(s => s is not null);

    /// <summary>The server never answered: a cancellation the caller's token did not ask for is the client's timeout.</summary>
    public static bool IsNoAnswer(Exception exception, CancellationToken callerToken) => exception switch
    {
        HttpRequestException or IOException or TimeoutException or System.Net.Sockets.SocketException
            or System.Security.Authentication.AuthenticationException => true,
        OperationCanceledException => !callerToken.IsCancellationRequested,
        _ => false,
    };

    /// <summary>The Status body of an error answer; the client leaves it unparsed (B13-7).</summary>
    public static V1Status? ReadStatus(string? content)
    {
        try
        {
            return string.IsNullOrWhiteSpace(content) ? null : KubernetesJson.Deserialize<V1Status>(content);
        }
        catch (JsonException)
        {
            // A proxy's HTML error page, say: not a Status, so nothing to act on.
            return null;
        }
    }
}
