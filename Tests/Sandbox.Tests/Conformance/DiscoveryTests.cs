using System.Text.Json.Nodes;
using k8s;

namespace KamajiKubeconfig.Sandbox.Tests.Conformance;

/// <summary>Discovery and OpenAPI documents as kubectl 1.32 and the C# client read them (A12).</summary>
[Parallelizable(ParallelScope.All)]
public sealed class DiscoveryTests
{
    private static SandboxServer _server = null!;
    private static HttpClient _http = null!;

    [OneTimeSetUp]
    public static async Task StartAsync()
    {
        _server = await SandboxFixture.StartAsync();
        _http = BadRequestTests.RawClient(_server, _server.AdminToken);
    }

    [OneTimeTearDown]
    public static async Task StopAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private static async Task<(JsonNode Body, string ContentType)> GetAsync(string path, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (JsonNode.Parse(await response.Content.ReadAsStringAsync())!, response.Content.Headers.ContentType!.ToString());
    }

    // A12: legacy discovery, plain application/json, with CR short names, categories and status subresources.
    [Test]
    public async Task LegacyDiscovery_ListsCustomResourcesWithSubresources()
    {
        var (apis, contentType) = await GetAsync("/apis");
        Assert.That(contentType, Is.EqualTo("application/json"));
        Assert.That(apis["groups"]!.AsArray().Select(g => g!["name"]!.GetValue<string>()), Does.Contain("example.com").And.Contain("coordination.k8s.io"));
        var (resources, _) = await GetAsync("/apis/example.com/v1");
        var names = resources["resources"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).ToList();
        Assert.That(names, Does.Contain("widgets").And.Contain("widgets/status").And.Contain("gadgets"));
        var widgets = resources["resources"]!.AsArray().First(r => r!["name"]!.GetValue<string>() == "widgets")!;
        Assert.Multiple(() =>
        {
            Assert.That(widgets["shortNames"]![0]!.GetValue<string>(), Is.EqualTo("wd"));
            Assert.That(widgets["categories"]![0]!.GetValue<string>(), Is.EqualTo("examples"));
        });
    }

    // A12: aggregated discovery only when asked for, with the v2 content type.
    [Test]
    public async Task AggregatedDiscovery_WhenAccepted()
    {
        var (list, contentType) = await GetAsync("/apis", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json");
        Assert.Multiple(() =>
        {
            Assert.That(contentType.Replace(" ", "", StringComparison.Ordinal), Is.EqualTo("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"));
            Assert.That(list["kind"]!.GetValue<string>(), Is.EqualTo("APIGroupDiscoveryList"));
        });
    }

    // A12: the /openapi/v3 index points at per-group documents whose PATCH operations accept fieldValidation.
    [Test]
    public async Task OpenApiV3_PatchOperationsAcceptFieldValidation()
    {
        var (index, _) = await GetAsync("/openapi/v3");
        var url = index["paths"]!["api/v1"]!["serverRelativeURL"]!.GetValue<string>();
        var (core, _) = await GetAsync(url);
        var patch = core["paths"]!["/api/v1/namespaces/{name}"]!["patch"]!;
        Assert.Multiple(() =>
        {
            Assert.That(patch["x-kubernetes-group-version-kind"]!["kind"]!.GetValue<string>(), Is.EqualTo("Namespace"));
            Assert.That(patch["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()), Does.Contain("fieldValidation"));
        });
    }

    // The C# client's version call and HTTP/2 over TLS (B3).
    [Test]
    public async Task Version_OverHttp2()
    {
        using var client = SandboxFixture.Client(_server);
        var version = await client.Version.GetCodeAsync();
        Assert.That(version.Major, Is.EqualTo("1"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/version") { Version = new Version(2, 0), VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var response = await _http.SendAsync(request);
        Assert.That(response.Version, Is.EqualTo(new Version(2, 0)));
    }
}
