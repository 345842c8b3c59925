using System.IO.Pipelines;
using System.Net;
using System.Text;
using System.Text.Json;
using k8s.Models;
using KamajiKubeconfig.Informers;
using KamajiKubeconfig.Tests.Fakes;
using KamajiKubeconfig.Tests.Informers.Integration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace KamajiKubeconfig.Tests.Informers;

/// <summary>
/// How the Controller layer wires informers, end to end over the real client: a Secret informer with a label
/// selector and a CRD informer with a transform, each trimming raw objects to a record before storing them.
/// </summary>
[CancelAfter(20_000)]
public class InformerWiringExampleTests
{
    private sealed record SecretRecord(ObjectKey Key, string ResourceVersion, string? Certificate);

    private sealed record GeneratorRecord(ObjectKey Key, string ResourceVersion, string? TcpSelector);

    private static HttpResponseMessage Answer(HttpRequestMessage request, string list)
    {
        if (!request.RequestUri!.Query.Contains("watch=true", StringComparison.Ordinal))
        {
            return StubApiHandler.Json(list);
        }

        // A watch that stays open after one bookmark, like a quiet real server.
        var pipe = new Pipe();
        pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes("""{"type":"BOOKMARK","object":{"metadata":{"resourceVersion":"30"}}}""" + "\n")).AsTask().Wait();
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(pipe.Reader.AsStream()) };
    }

    [Test]
    public async Task SecretInformer_WithLabelSelector_SyncsTrimmedRecords()
    {
        using var stub = new StubApiHandler(r => Answer(r, """{"metadata":{"resourceVersion":"20"},"items":[{"metadata":{"name":"t1-gen","namespace":"ns1","resourceVersion":"7"},"data":{"tls.crt":"Y2VydA=="}}]}"""));
        var cache = new InformerCache<SecretRecord>(
            new ObjectAccessor<SecretRecord>(s => s.Key, s => s.ResourceVersion));
        var informer = new Informer<V1Secret, SecretRecord>(
            KubernetesListWatches.Secrets(stub.CreateClient(), "kamaji.clastix.io/managed-by=kubeconfig-generator"),
            s => new SecretRecord(
                new ObjectKey(s.Metadata.NamespaceProperty, s.Metadata.Name),
                s.Metadata.ResourceVersion,
                s.Data?.TryGetValue("tls.crt", out var crt) == true ? Encoding.UTF8.GetString(crt) : null),
            cache,
            new InformerOptions { Name = "secrets" },
            new FakeTimeProvider(),
            new Random(1),
            NullLogger.Instance);
        using var stop = new CancellationTokenSource();

        var run = informer.RunAsync(stop.Token);
        await informer.WaitForSyncAsync(stop.Token).WaitAsync(Deadline.Default);
        await stop.CancelAsync();
        await run.WaitAsync(Deadline.Default);

        Assert.That(cache.Snapshot.Get(new ObjectKey("ns1", "t1-gen")), Is.EqualTo(new SecretRecord(new ObjectKey("ns1", "t1-gen"), "7", "cert")));
    }

    [Test]
    public async Task CustomResourceInformer_WithTransformAndIndex_SyncsRecords()
    {
        using var stub = new StubApiHandler(r => Answer(r, """{"metadata":{"resourceVersion":"20"},"items":[{"metadata":{"name":"gen","resourceVersion":"9"},"spec":{"tenantControlPlaneSelector":"tier=gold"}}]}"""));
        var cache = new InformerCache<GeneratorRecord>(
            new ObjectAccessor<GeneratorRecord>(g => g.Key, g => g.ResourceVersion),
            new Dictionary<string, Func<GeneratorRecord, IEnumerable<string>>>
            {
                ["by-tcp-selector"] = g => g.TcpSelector is null ? [] : [g.TcpSelector],
            });
        var informer = new Informer<JsonElement, GeneratorRecord>(
            KubernetesListWatches.ClusterCustomObjects(stub.CreateClient(), "kamaji.clastix.io", "v1alpha1", "kubeconfiggenerators"),
            json => new GeneratorRecord(
                Row.KeyOf(json),
                Row.VersionOf(json),
                json.TryGetProperty("spec", out var spec) && spec.TryGetProperty("tenantControlPlaneSelector", out var sel) ? sel.GetString() : null),
            cache,
            new InformerOptions { Name = "kubeconfiggenerators" },
            new FakeTimeProvider(),
            new Random(1),
            NullLogger.Instance);
        using var stop = new CancellationTokenSource();

        var run = informer.RunAsync(stop.Token);
        await informer.WaitForSyncAsync(stop.Token).WaitAsync(Deadline.Default);
        await stop.CancelAsync();
        await run.WaitAsync(Deadline.Default);

        Assert.That(cache.Snapshot.ByIndex("by-tcp-selector", "tier=gold").Single().Key, Is.EqualTo(ObjectKey.Cluster("gen")));
    }
}
