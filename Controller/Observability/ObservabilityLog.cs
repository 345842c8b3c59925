using System.Net;
using Microsoft.Extensions.Logging;

namespace KamajiKubeconfig.Controller.Observability;

internal static partial class ObservabilityLog
{
    [LoggerMessage(EventId = 1501, Level = LogLevel.Information, Message = "Serving metrics on http://{Endpoint}/metrics")]
    public static partial void ServingMetrics(ILogger logger, IPEndPoint endpoint);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Information, Message = "Serving health probes on http://{Endpoint}/healthz and /readyz")]
    public static partial void ServingHealthProbes(ILogger logger, IPEndPoint endpoint);

    [LoggerMessage(EventId = 1503, Level = LogLevel.Information, Message = "The {Server} server is disabled (bind address '{BindAddress}')")]
    public static partial void Disabled(ILogger logger, string server, string bindAddress);

    [LoggerMessage(EventId = 1504, Level = LogLevel.Debug, Message = "Not ready: {Failing}")]
    public static partial void NotReady(ILogger logger, string failing);
}
