using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;
using k8s.Models;

namespace KamajiKubeconfig.Sandbox.Tests.Conformance;

/// <summary>Malformed requests get the real codes and Status reasons and leave stored state untouched (A3).</summary>
[Parallelizable(ParallelScope.All)]
public sealed class BadRequestTests
{
    private static SandboxServer _server = null!;
    private static HttpClient _http = null!;

    [OneTimeSetUp]
    public static async Task StartAsync()
    {
        _server = await SandboxFixture.StartAsync();
        _http = RawClient(_server, _server.AdminToken);
    }

    [OneTimeTearDown]
    public static async Task StopAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    /// <summary>A plain HttpClient trusting the sandbox CA, for requests the typed client cannot make.</summary>
    public static HttpClient RawClient(SandboxServer server, string? token)
    {
        var ca = X509Certificate2.CreateFromPem(server.CaCertificatePem);
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return certificate is X509Certificate2 c && chain.Build(c);
        };
        var client = new HttpClient(handler) { BaseAddress = server.BaseAddress };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    private static async Task<V1Status> SendAsync(HttpMethod method, string path, string? body, string contentType, HttpStatusCode expected, string reason)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), text);
        var status = KubernetesJson.Deserialize<V1Status>(text);
        Assert.That(status.Reason, Is.EqualTo(reason));
        return status;
    }

    private static async Task<int> SecretCountAsync()
    {
        using var client = SandboxFixture.Client(_server);
        return (await client.CoreV1.ListNamespacedSecretAsync("default")).Items.Count;
    }

    // A3: a body that is not JSON is 400 BadRequest and nothing is created.
    [Test]
    public async Task Create_MalformedJson_Is400()
    {
        var before = await SecretCountAsync();
        var status = await SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/secrets", "{not json", "application/json", HttpStatusCode.BadRequest, "BadRequest");
        Assert.That(status.Message, Does.StartWith("the object provided is unrecognized (must be of type Secret): couldn't get version/kind; json parse error"));
        Assert.That(await SecretCountAsync(), Is.EqualTo(before));
    }

    // A3: malformed YAML in an apply body is 400.
    [Test]
    public async Task Apply_MalformedYaml_Is400()
    {
        var status = await SendAsync(HttpMethod.Patch, "/api/v1/namespaces/default/configmaps/c?fieldManager=m", "a: [b", "application/apply-patch+yaml", HttpStatusCode.BadRequest, "BadRequest");
        Assert.That(status.Message, Does.StartWith("error converting YAML to JSON"));
    }

    // A1: an unknown resource is 404 NotFound.
    [Test]
    public async Task UnknownResource_Is404()
    {
        var status = await SendAsync(HttpMethod.Get, "/apis/example.com/v1/namespaces/default/doodads", null, "", HttpStatusCode.NotFound, "NotFound");
        Assert.That(status.Message, Is.EqualTo("the server could not find the requested resource"));
    }

    // A2: a create body of another kind or apiVersion is 400.
    [Test]
    public async Task Create_WrongKind_Is400()
    {
        var status = await SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/secrets", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"}}""", "application/json", HttpStatusCode.BadRequest, "BadRequest");
        Assert.That(status.Message, Does.Contain("must be of type Secret"));
    }

    // A2: the body's namespace must match the URL's.
    [Test]
    public async Task Create_NamespaceMismatch_Is400()
    {
        var status = await SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/secrets", """{"metadata":{"name":"x","namespace":"other"}}""", "application/json", HttpStatusCode.BadRequest, "BadRequest");
        Assert.That(status.Message, Is.EqualTo("the namespace of the provided object does not match the namespace sent on the request"));
    }

    // A2: a PUT whose body name differs from the URL is 400.
    [Test]
    public async Task Update_NameMismatch_Is400()
    {
        var status = await SendAsync(HttpMethod.Put, "/api/v1/namespaces/default/configmaps/a", """{"metadata":{"name":"b"}}""", "application/json", HttpStatusCode.BadRequest, "BadRequest");
        Assert.That(status.Message, Is.EqualTo("the name of the object (b) does not match the name on the URL (a)"));
    }

    // A3: force on a non-apply patch is 422.
    [Test]
    public async Task MergePatch_WithForce_Is422()
    {
        var status = await SendAsync(HttpMethod.Patch, "/api/v1/namespaces/default/configmaps/a?force=true", "{}", "application/merge-patch+json", HttpStatusCode.UnprocessableEntity, "Invalid");
        Assert.That(status.Message, Is.EqualTo("PatchOptions.meta.k8s.io \"\" is invalid: force: Forbidden: may not be specified for non-apply patch"));
    }

    // A3: an unsupported PATCH content type is 415.
    [Test]
    public async Task Patch_UnsupportedContentType_Is415()
    {
        await SendAsync(HttpMethod.Patch, "/api/v1/namespaces/default/configmaps/a", "{}", "application/json", HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType");
    }

    // A13: invalid label values are 422 with the label-value message.
    [Test]
    public async Task Create_InvalidLabelValue_Is422()
    {
        var status = await SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", """{"metadata":{"name":"lbl","labels":{"a":"not valid!"}}}""", "application/json", HttpStatusCode.UnprocessableEntity, "Invalid");
        Assert.That(status.Message, Does.StartWith("ConfigMap \"lbl\" is invalid: metadata.labels: Invalid value: \"not valid!\": a valid label must be an empty string"));
    }

    // A13: Namespace names are DNS labels (no dots).
    [Test]
    public async Task Create_NamespaceWithDot_Is422()
    {
        var status = await SendAsync(HttpMethod.Post, "/api/v1/namespaces", """{"metadata":{"name":"a.b"}}""", "application/json", HttpStatusCode.UnprocessableEntity, "Invalid");
        Assert.That(status.Message, Does.Contain("a lowercase RFC 1123 label must consist of"));
    }

    // Authentication: an unknown token is 401 Unauthorized.
    [Test]
    public async Task UnknownToken_Is401()
    {
        using var http = RawClient(_server, "wrong");
        using var response = await http.GetAsync("/api/v1/namespaces");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        var status = KubernetesJson.Deserialize<V1Status>(await response.Content.ReadAsStringAsync());
        Assert.That(status.Reason, Is.EqualTo("Unauthorized"));
    }
}
