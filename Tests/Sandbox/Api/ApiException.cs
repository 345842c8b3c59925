using System.Text.Json.Nodes;

namespace KamajiKubeconfig.Sandbox.Api;

/// <summary>An API error that is answered with a Kubernetes Status body and its HTTP code.</summary>
public sealed class ApiException : Exception
{
    public ApiException(JsonObject status)
        : base(status["message"]?.GetValue<string>())
    {
        Status = status;
    }

    public ApiException()
        : this(StatusFactory.Failure(500, "InternalError", "unknown error"))
    {
    }

    public ApiException(string message)
        : this(StatusFactory.Failure(500, "InternalError", message))
    {
    }

    public ApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = StatusFactory.Failure(500, "InternalError", message);
    }

    public JsonObject Status { get; }

    public int Code => Status["code"]!.GetValue<int>();

    /// <summary>Seconds for a Retry-After header, when the Status carries one.</summary>
    public int? RetryAfterSeconds => Status["details"]?["retryAfterSeconds"]?.GetValue<int>();
}
