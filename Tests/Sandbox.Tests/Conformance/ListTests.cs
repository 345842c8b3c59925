using System.Globalization;
using k8s;
using k8s.Models;

namespace KamajiKubeconfig.Sandbox.Tests.Conformance;

/// <summary>LIST: resourceVersion semantics, pagination, label and field selectors (A4, A5).</summary>
[Parallelizable(ParallelScope.All)]
public sealed class ListTests
{
    private static SandboxServer _server = null!;
    private static Kubernetes _client = null!;

    [OneTimeSetUp]
    public static async Task StartAsync()
    {
        _server = await SandboxFixture.StartAsync();
        _client = SandboxFixture.Client(_server);
    }

    [OneTimeTearDown]
    public static async Task StopAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    private static async Task<string> NamespaceWithSecretsAsync(int count)
    {
        var ns = SandboxFixture.UniqueName("list");
        await _client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        for (var i = 0; i < count; i++)
        {
            await _client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
            {
                Metadata = new V1ObjectMeta { Name = $"s{i:D2}", Labels = new Dictionary<string, string> { ["parity"] = i % 2 == 0 ? "even" : "odd", ["index"] = i.ToString(CultureInfo.InvariantCulture) } },
                Type = i == 0 ? "kubernetes.io/tls" : null,
                // A TLS Secret needs both keys (ValidateSecret).
                Data = i == 0 ? new Dictionary<string, byte[]> { ["tls.crt"] = [1], ["tls.key"] = [2] } : null,
            }, ns);
        }
        return ns;
    }

    // A4: pages carry continue tokens, remainingItemCount and the first page's resourceVersion; items are key-ordered.
    [Test]
    public async Task List_WithLimit_PagesConsistently()
    {
        var ns = await NamespaceWithSecretsAsync(5);
        var first = await _client.CoreV1.ListNamespacedSecretAsync(ns, limit: 2);
        Assert.Multiple(() =>
        {
            Assert.That(first.Items.Select(s => s.Metadata.Name), Is.EqualTo(new[] { "s00", "s01" }));
            Assert.That(first.Metadata.ContinueProperty, Is.Not.Empty);
            Assert.That(first.Metadata.RemainingItemCount, Is.EqualTo(3));
        });
        // A change after the first page is not seen by later pages (snapshot at the first page's RV).
        await _client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s02a" } }, ns);
        var second = await _client.CoreV1.ListNamespacedSecretAsync(ns, limit: 2, continueParameter: first.Metadata.ContinueProperty);
        var third = await _client.CoreV1.ListNamespacedSecretAsync(ns, limit: 2, continueParameter: second.Metadata.ContinueProperty);
        Assert.Multiple(() =>
        {
            Assert.That(second.Items.Select(s => s.Metadata.Name), Is.EqualTo(new[] { "s02", "s03" }));
            Assert.That(second.Metadata.ResourceVersion, Is.EqualTo(first.Metadata.ResourceVersion));
            Assert.That(third.Items.Select(s => s.Metadata.Name), Is.EqualTo(new[] { "s04" }));
            Assert.That(third.Metadata.ContinueProperty, Is.Null);
        });
    }

    // A5: set-based label selectors; != and notin match objects without the key.
    [Test]
    public async Task List_LabelSelectors_FollowApimachinerySemantics()
    {
        var ns = await NamespaceWithSecretsAsync(4);
        await _client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "unlabelled" } }, ns);
        async Task<string[]> Names(string selector) => [.. (await _client.CoreV1.ListNamespacedSecretAsync(ns, labelSelector: selector)).Items.Select(s => s.Metadata.Name)];
        Assert.Multiple(async () =>
        {
            Assert.That(await Names("parity=even"), Is.EqualTo(new[] { "s00", "s02" }));
            Assert.That(await Names("parity!=even"), Is.EqualTo(new[] { "s01", "s03", "unlabelled" }));
            Assert.That(await Names("index in (1,3),parity"), Is.EqualTo(new[] { "s01", "s03" }));
            Assert.That(await Names("index notin (0,1,2)"), Is.EqualTo(new[] { "s03", "unlabelled" }));
            Assert.That(await Names("!parity"), Is.EqualTo(new[] { "unlabelled" }));
            Assert.That(await Names("index>1"), Is.EqualTo(new[] { "s02", "s03" }));
        });
    }

    // A5: a malformed label selector is 400 BadRequest.
    [Test]
    public async Task List_InvalidLabelSelector_Is400()
    {
        var ns = await NamespaceWithSecretsAsync(0);
        var status = await ApiAssert.FailsAsync(() => _client.CoreV1.ListNamespacedSecretAsync(ns, labelSelector: "a in (b"), 400, "BadRequest");
        Assert.That(status.Message, Does.Contain("expected"));
        status = await ApiAssert.FailsAsync(() => _client.CoreV1.ListNamespacedSecretAsync(ns, labelSelector: "bad key!=x"), 400, "BadRequest");
        Assert.That(status.Message, Does.StartWith("unable to parse requirement") | Does.StartWith("found"));
    }

    // A5: field selectors on metadata and per-type fields; unsupported fields are 400 with the per-type message.
    [Test]
    public async Task List_FieldSelectors_SupportedAndUnsupported()
    {
        var ns = await NamespaceWithSecretsAsync(3);
        var byType = await _client.CoreV1.ListNamespacedSecretAsync(ns, fieldSelector: "type=kubernetes.io/tls");
        Assert.That(byType.Items.Select(s => s.Metadata.Name), Is.EqualTo(new[] { "s00" }));
        var byName = await _client.CoreV1.ListSecretForAllNamespacesAsync(fieldSelector: $"metadata.namespace={ns},metadata.name!=s00");
        Assert.That(byName.Items.Select(s => s.Metadata.Name), Is.EqualTo(new[] { "s01", "s02" }));
        var status = await ApiAssert.FailsAsync(() => _client.CoreV1.ListNamespacedSecretAsync(ns, fieldSelector: "spec.foo=x"), 400, "BadRequest");
        Assert.That(status.Message, Is.EqualTo("field label not supported: spec.foo"));
        status = await ApiAssert.FailsAsync(() => _client.CoreV1.ListNamespacedConfigMapAsync(ns, fieldSelector: "spec.foo=x"), 400, "BadRequest");
        Assert.That(status.Message, Is.EqualTo("\"spec.foo\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\""));
    }

    // A4: the list's resourceVersion is the global revision, even when every item is older.
    [Test]
    public async Task List_ResourceVersion_IsGlobalRevision()
    {
        var ns = await NamespaceWithSecretsAsync(1);
        var other = SandboxFixture.UniqueName("other");
        await _client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = other } });
        var list = await _client.CoreV1.ListNamespacedSecretAsync(ns);
        Assert.That(long.Parse(list.Metadata.ResourceVersion, CultureInfo.InvariantCulture), Is.GreaterThan(long.Parse(list.Items[0].Metadata.ResourceVersion, CultureInfo.InvariantCulture)));
    }

    // A4: an Exact list (limit + RV) older than the history is 410 Expired; a future RV is 504.
    [Test]
    public async Task List_CompactedResourceVersion_Is410_FutureIs504()
    {
        await using var server = await SandboxFixture.StartAsync(new SandboxOptions { HistoryCapacity = 3 });
        using var client = SandboxFixture.Client(server);
        var first = await client.CoreV1.ListNamespaceAsync();
        for (var i = 0; i < 5; i++)
        {
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = $"n{i}" } });
        }
        var status = await ApiAssert.FailsAsync(() => client.CoreV1.ListNamespaceAsync(limit: 2, resourceVersion: first.Metadata.ResourceVersion), 410, "Expired");
        Assert.That(status.Message, Is.EqualTo("The resourceVersion for the provided list is too old."));
        status = await ApiAssert.FailsAsync(() => client.CoreV1.ListNamespaceAsync(resourceVersion: "999999"), 504, "Timeout");
        Assert.That(status.Message, Does.StartWith("Timeout: Too large resource version: 999999, current: "));
    }

    // A4: invalid list options are 422 on ListOptions.
    [Test]
    public async Task List_ResourceVersionMatchWithoutResourceVersion_Is422()
    {
        var status = await ApiAssert.FailsAsync(() => _client.CoreV1.ListNamespaceAsync(resourceVersionMatch: "Exact"), 422, "Invalid");
        Assert.That(status.Message, Does.Contain("resourceVersionMatch is forbidden unless resourceVersion is provided"));
    }
}
