namespace KamajiKubeconfig.Informers;

/// <summary>Names the reason of a failed list/watch attempt for the restart log and metric.</summary>
internal static class RestartClassifier
{
    public static RestartReason Of(Exception exception) => exception switch
    {
        ResourceVersionExpiredException => RestartReason.Expired,
        ResourceVersionTooLargeException => RestartReason.TooLargeResourceVersion,
        TooManyRequestsException => RestartReason.TooManyRequests,
        InformerRestartException restart => restart.Reason,
        IOException or HttpRequestException or OperationCanceledException or TimeoutException => RestartReason.Transport,
        _ => RestartReason.Error,
    };
}
