using Microsoft.Extensions.Logging;

namespace KamajiKubeconfig.Informers;

/// <summary>Source-generated log messages of the informers; fixed event ids 1100-1199. Never logs object content.</summary>
internal static partial class InformerLog
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Informer {Informer} listed {Count} objects at resourceVersion {ResourceVersion} (asked for \"{RequestedResourceVersion}\")")]
    public static partial void Listed(ILogger logger, string informer, int count, string resourceVersion, string requestedResourceVersion);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Debug, Message = "Informer {Informer} watching from resourceVersion {ResourceVersion} for {TimeoutSeconds} s")]
    public static partial void Watching(ILogger logger, string informer, string resourceVersion, int timeoutSeconds);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Informer {Informer} restarting after {Delay} ({Reason})")]
    public static partial void Restarting(ILogger logger, string informer, RestartReason reason, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Warning, Message = "Informer {Informer} throttled by the API server (429, Retry-After {RetryAfter}); retrying after {Delay}")]
    public static partial void Throttled(ILogger logger, string informer, TimeSpan? retryAfter, TimeSpan delay);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Error, Message = "Informer {Informer}: a change handler failed")]
    public static partial void HandlerFailed(ILogger logger, string informer, Exception exception);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Error, Message = "Informer {Informer}: the transform failed; the object was not stored")]
    public static partial void TransformFailed(ILogger logger, string informer, Exception exception);
}
