using System.Net;
using System.Text;
using KamajiKubeconfig.Controller.Hosting;

namespace KamajiKubeconfig.Tests.Hosting;

/// <summary>One-object answers are read into memory before the client decodes them; lists and watches stay streams.</summary>
public class BufferedResponsesTests
{
    [TestCase("https://api/api/v1/namespaces/tenants/secrets/tenant-ca")]
    [TestCase("https://api/api/v1/namespaces/tenants/secrets/tenant-prof?fieldManager=kubeconfig-generator&force=true")]
    public async Task OneObject_IsReadBeforeTheCallerSeesIt(string url)
    {
        var (response, body) = await SendAsync(url);

        Assert.That(body.Position, Is.EqualTo(body.Length), "the whole body was read by the handler");
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(Body), "and handed on unchanged");
    }

    [TestCase("https://api/api/v1/secrets?labelSelector=a%3Db&limit=500")]
    [TestCase("https://api/api/v1/secrets?allowWatchBookmarks=true&resourceVersion=7&watch=true")]
    public async Task ListsAndWatches_StayStreams(string url)
    {
        var (response, body) = await SendAsync(url);

        Assert.That(body.Position, Is.Zero);
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(Body));
    }

    private const string Body = "{\"kind\":\"Secret\",\"apiVersion\":\"v1\"}";

    private static async Task<(HttpResponseMessage Response, MemoryStream Body)> SendAsync(string url)
    {
        var body = new MemoryStream(Encoding.UTF8.GetBytes(Body));
        using var invoker = new HttpMessageInvoker(new BufferedResponses { InnerHandler = new Answering(body) });
        var response = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, url), CancellationToken.None);
        return (response, body);
    }

    private sealed class Answering(Stream body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body) });
    }
}
