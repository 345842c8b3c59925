using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace KamajiKubeconfig.Chaos.Infrastructure;

/// <summary>
/// A plain REST client for the sandbox (HTTPS verified against its CA, bearer token). Deliberately not the C# client
/// the controller uses: the harness must read hostile objects that client may choke on, and send bodies it would refuse.
/// </summary>
public sealed class ApiClient : IDisposable
{
    private readonly HttpClient _http;

    public ApiClient(Uri baseAddress, string caPem, string token, TimeSpan? timeout = null)
    {
        var trusted = X509Certificate2.CreateFromPem(caPem);
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && ChainsTo(certificate, trusted),
            },
            PooledConnectionLifetime = TimeSpan.FromSeconds(30),
        };
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    private static bool ChainsTo(X509Certificate certificate, X509Certificate2 trusted)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(trusted);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(leaf);
    }

    /// <summary>The object, or null when it does not exist.</summary>
    public async Task<JsonObject?> GetAsync(string path)
    {
        var (code, body) = await SendAsync(HttpMethod.Get, path, null, null);
        return code == HttpStatusCode.NotFound ? null : Ensure(code, body, path) as JsonObject;
    }

    public async Task<List<JsonObject>> ListAsync(string path)
    {
        var (code, body) = await SendAsync(HttpMethod.Get, path, null, null);
        return code == HttpStatusCode.NotFound ? [] : [.. (Ensure(code, body, path)?["items"] as JsonArray ?? []).OfType<JsonObject>()];
    }

    public async Task<JsonObject> CreateAsync(string path, JsonNode body) =>
        (JsonObject)Ensure(await SendAsync(HttpMethod.Post, path, body.ToJsonString(), "application/json"), path)!;

    /// <summary>Creates and answers the status code and body, errors included (admission checks).</summary>
    public Task<(HttpStatusCode Code, JsonNode? Body)> TryCreateAsync(string path, JsonNode body) =>
        SendAsync(HttpMethod.Post, path, body.ToJsonString(), "application/json");

    public async Task<JsonObject> MergePatchAsync(string path, JsonNode patch) =>
        (JsonObject)Ensure(await SendAsync(HttpMethod.Patch, path, patch.ToJsonString(), "application/merge-patch+json"), path)!;

    public Task<(HttpStatusCode Code, JsonNode? Body)> TryMergePatchAsync(string path, JsonNode patch) =>
        SendAsync(HttpMethod.Patch, path, patch.ToJsonString(), "application/merge-patch+json");

    public async Task<JsonObject> ReplaceAsync(string path, JsonNode body) =>
        (JsonObject)Ensure(await SendAsync(HttpMethod.Put, path, body.ToJsonString(), "application/json"), path)!;

    /// <summary>Deletes; a missing object is fine.</summary>
    public async Task DeleteAsync(string path)
    {
        var (code, body) = await SendAsync(HttpMethod.Delete, path, null, null);
        if (code != HttpStatusCode.NotFound)
        {
            Ensure(code, body, path);
        }
    }

    public async Task<string> GetTextAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        return await response.Content.ReadAsStringAsync();
    }

    public async Task<(HttpStatusCode Code, JsonNode? Body)> SendAsync(HttpMethod method, string path, string? body, string? contentType)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType ?? "application/json");
        }
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? parsed;
        try
        {
            parsed = text.Length == 0 ? null : JsonNode.Parse(text, documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 1024 });
        }
        catch (System.Text.Json.JsonException)
        {
            parsed = JsonValue.Create(text);
        }
        return (response.StatusCode, parsed);
    }

    private static JsonNode? Ensure((HttpStatusCode Code, JsonNode? Body) answer, string path) => Ensure(answer.Code, answer.Body, path);

    private static JsonNode? Ensure(HttpStatusCode code, JsonNode? body, string path) =>
        (int)code is >= 200 and < 300 ? body
        : throw new ApiException(code, $"{(int)code} on {path}: {(body as JsonObject)?["message"]?.ToString() ?? body?.ToJsonString()}");

    public void Dispose() => _http.Dispose();
}
