using System.Net;

namespace KamajiKubeconfig.Chaos.Infrastructure;

/// <summary>The API server answered a request with an error Status.</summary>
public sealed class ApiException : Exception
{
    public ApiException()
    {
    }

    public ApiException(string message)
        : base(message)
    {
    }

    public ApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ApiException(HttpStatusCode code, string message)
        : base(message) => Code = code;

    public HttpStatusCode Code { get; }
}
