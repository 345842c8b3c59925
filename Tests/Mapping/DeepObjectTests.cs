using System.Text;
using System.Text.Json;
using KamajiKubeconfig.Controller.Mapping;
using KamajiKubeconfig.Informers;
using KamajiKubeconfig.Reconcile;
using KamajiKubeconfig.Tests.Fakes;

namespace KamajiKubeconfig.Tests.Mapping;

/// <summary>
/// Issue 14 (3): kube-apiserver stores objects nested far deeper than System.Text.Json's default of 64 levels. A
/// TCP 59 levels deep (plus the list and watch envelopes around it) must decode on both paths and map like any
/// other, so its informer never stalls and the TCPs after it are served.
/// </summary>
public class DeepObjectTests
{
    private static string Nested(int depth)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            sb.Append("{\"a\":");
        }
        sb.Append("\"bottom\"");
        return sb.Append('}', depth).ToString();
    }

    private static string Tcp(string name, int depth) =>
        "{\"apiVersion\":\"kamaji.clastix.io/v1alpha1\",\"kind\":\"TenantControlPlane\",\"metadata\":{\"name\":\"" + name
        + "\",\"namespace\":\"ns\",\"uid\":\"u-" + name + "\",\"resourceVersion\":\"7\",\"managedFields\":[{\"manager\":\"kubectl\"}],"
        + "\"annotations\":{\"kubectl.kubernetes.io/last-applied-configuration\":\"{}\",\"keep\":\"yes\"}},\"spec\":" + Nested(depth)
        + ",\"status\":{\"kubeconfig\":{\"admin\":{\"secretName\":\"" + name + "-admin-kubeconfig\"}},\"certificates\":{\"ca\":{\"secretName\":\""
        + name + "-ca\"}}}}";

    [TestCase(59)]
    [TestCase(70)]
    [TestCase(9_000)]
    public async Task List_DeepTcpBetweenOthers_EveryItemDecodes(int depth)
    {
        var list = "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"metadata\":{\"resourceVersion\":\"9\"},\"items\":["
            + Tcp("a", 1) + "," + Tcp("deep", depth) + "," + Tcp("z", 1) + "]}";
        using var stub = new StubApiHandler(_ => StubApiHandler.Json(list));
        var source = KubernetesListWatches.NamespacedCustomObjects(stub.CreateClient(), "kamaji.clastix.io", "v1alpha1", "tenantcontrolplanes");

        var page = await source.ListAsync("0", null, 500, CancellationToken.None);

        Assert.That(page.Items.Select(i => TenantControlPlaneMapper.FromJson(i).Name), Is.EqualTo(new[] { "a", "deep", "z" }));
    }

    [TestCase(59)]
    [TestCase(9_000)]
    public async Task Watch_DeepTcpFollowedByANormalOne_BothArrive(int depth)
    {
        using var stub = new StubApiHandler(_ => StubApiHandler.WatchLines(
            "{\"type\":\"ADDED\",\"object\":" + Tcp("deep", depth) + "}", "{\"type\":\"ADDED\",\"object\":" + Tcp("next", 1) + "}"));
        var source = KubernetesListWatches.NamespacedCustomObjects(stub.CreateClient(), "kamaji.clastix.io", "v1alpha1", "tenantcontrolplanes");

        var names = new List<string>();
        await foreach (var evt in source.WatchAsync("9", 5, CancellationToken.None))
        {
            names.Add(TenantControlPlaneMapper.FromJson(evt.Item!).Name);
        }

        Assert.That(names, Is.EqualTo(new[] { "deep", "next" }));
    }

    [TestCase(59)]
    [TestCase(9_000)]
    public void FromJson_DeepTcp_KeepsTheDocumentAndDropsManagedFields(int depth)
    {
        using var document = JsonDocument.Parse(Tcp("deep", depth), new JsonDocumentOptions { MaxDepth = KubernetesDecoding.MaxDepth });

        var tcp = TenantControlPlaneMapper.FromJson(document.RootElement);

        Assert.Multiple(() =>
        {
            Assert.That((tcp.Name, tcp.CaSecretName), Is.EqualTo(("deep", "deep-ca")));
            Assert.That(tcp.Document.GetProperty("metadata").TryGetProperty("managedFields", out _), Is.False);
            Assert.That(tcp.Annotations, Is.EqualTo(SortedMap.Of(("keep", "yes"))));
            Assert.That(DefinitionResolver.Resolve(tcp.Document, "spec" + string.Concat(Enumerable.Repeat(".a", depth)), out _), Is.EqualTo("bottom"));
        });
    }
}
