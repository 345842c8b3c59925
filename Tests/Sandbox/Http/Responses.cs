using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Api;
using Microsoft.AspNetCore.Http;

namespace KamajiKubeconfig.Sandbox.Http;

/// <summary>Writes JSON bodies the way the API server does (Content-Type application/json).</summary>
public static class Responses
{
    public static async Task WriteJsonAsync(HttpContext http, int code, JsonNode body, CancellationToken cancellationToken, string contentType = "application/json")
    {
        http.Response.StatusCode = code;
        http.Response.ContentType = contentType;
        foreach (var warning in Warnings.Current.Distinct())
        {
            http.Response.Headers.Append("Warning", $"299 - \"{warning.Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
        }
        await using var writer = new Utf8JsonWriter(http.Response.Body);
        body.WriteTo(writer);
        await writer.FlushAsync(cancellationToken);
    }

    public static Task WriteStatusAsync(HttpContext http, ApiException error, CancellationToken cancellationToken)
    {
        if (error.RetryAfterSeconds is { } retry)
        {
            http.Response.Headers.RetryAfter = retry.ToString(CultureInfo.InvariantCulture);
        }
        return WriteJsonAsync(http, error.Code, error.Status, cancellationToken);
    }
}
