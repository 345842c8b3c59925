using System.Net;
using System.Web;
using k8s;
using k8s.Models;
using KamajiKubeconfig.Informers;
using KamajiKubeconfig.Tests.Fakes;
using KamajiKubeconfig.Tests.Informers.Integration;
using NUnit.Framework.Constraints;

namespace KamajiKubeconfig.Tests.Informers;

/// <summary>The adapters against the real 21.0.8 client, answered by an in-process stub.</summary>
[CancelAfter(20_000)]
public class KubernetesListWatchTests
{
    private const string Selector = "kamaji.clastix.io/managed-by=kubeconfig-generator";

    private static string SecretEvent(string type, string name, string resourceVersion) =>
        "{\"type\":\"" + type + "\",\"object\":{\"kind\":\"Secret\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"" + name
        + "\",\"namespace\":\"ns1\",\"resourceVersion\":\"" + resourceVersion + "\"}}}";

    private static string ExpiredEvent() =>
        """{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 10 (20)","reason":"Expired","code":410}}""";

    private static EqualConstraint<RestartReason> Restart(RestartReason reason) =>
        Throws.TypeOf<InformerRestartException>().With.Property(nameof(InformerRestartException.Reason)).EqualTo(reason);

    private static async Task<List<WatchEvent<T>>> DrainAsync<T>(IAsyncEnumerable<WatchEvent<T>> events)
    {
        var result = new List<WatchEvent<T>>();
        await foreach (var evt in events)
        {
            result.Add(evt);
        }

        return result;
    }

    [Test]
    public async Task SecretsList_FirstPageThenContinue_SendsVersionZeroOnlyOnTheFirstPage()
    {
        using var stub = new StubApiHandler(request => StubApiHandler.Json(request.RequestUri!.Query.Contains("continue=", StringComparison.Ordinal)
            ? """{"kind":"SecretList","apiVersion":"v1","metadata":{"resourceVersion":"10"},"items":[]}"""
            : """{"kind":"SecretList","apiVersion":"v1","metadata":{"resourceVersion":"10","continue":"next"},"items":[{"metadata":{"name":"a","namespace":"ns1","resourceVersion":"3"}}]}"""));
        var source = KubernetesListWatches.Secrets(stub.CreateClient(), Selector);

        var first = await source.ListAsync("0", null, 500, CancellationToken.None);
        var second = await source.ListAsync(null, first.Continue, 500, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(first.Items.Single().Metadata.Name, Is.EqualTo("a"));
            Assert.That(first.ResourceVersion, Is.EqualTo("10"));
            Assert.That(first.Continue, Is.EqualTo("next"));
            Assert.That(second.Continue, Is.Null);
            Assert.That(stub.Requests[0].AbsolutePath, Is.EqualTo("/api/v1/secrets"));
            Assert.That(stub.Requests[0].Query, Does.Contain("labelSelector=kamaji.clastix.io%2Fmanaged-by%3Dkubeconfig-generator"));
            Assert.That(stub.Requests[0].Query, Does.Contain("limit=500").And.Contain("resourceVersion=0"));
            Assert.That(stub.Requests[1].Query, Does.Contain("continue=next").And.Not.Contain("resourceVersion"));
        });
    }

    [TestCase("", null)]
    [TestCase("42", "42")]
    public async Task SecretsList_FirstPageAtVersion_SendsThatVersionAndNoneForLatest(string requested, string? sent)
    {
        using var stub = new StubApiHandler(_ => StubApiHandler.Json("""{"kind":"SecretList","apiVersion":"v1","metadata":{"resourceVersion":"50"},"items":[]}"""));
        var source = KubernetesListWatches.Secrets(stub.CreateClient(), Selector);

        await source.ListAsync(requested, null, 500, CancellationToken.None);

        // "" is the latest state (a consistent read); like client-go we omit the parameter rather than send it empty.
        Assert.That(HttpUtility.ParseQueryString(stub.Requests[0].Query)["resourceVersion"], Is.EqualTo(sent));
    }

    [Test]
    public void SecretsList_VersionWithContinueToken_IsRefusedBeforeAnyRequest()
    {
        using var stub = new StubApiHandler(_ => throw new AssertionException("no request expected"));
        var source = KubernetesListWatches.Secrets(stub.CreateClient(), Selector);

        Assert.That(() => source.ListAsync("0", "next", 500, CancellationToken.None), Throws.ArgumentException);
        Assert.That(stub.Requests, Is.Empty);
    }

    [Test]
    public void SecretsList_Http410_IsResourceVersionExpired()
    {
        using var stub = new StubApiHandler(_ => StubApiHandler.Status(HttpStatusCode.Gone, "Expired"));
        var source = KubernetesListWatches.Secrets(stub.CreateClient(), Selector);

        Assert.That(() => source.ListAsync(null, "stale", 500, CancellationToken.None), Restart(RestartReason.Expired));
    }

    private static string TooLargeStatus() =>
        """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Too large resource version: 90, current: 50","reason":"Timeout","details":{"causes":[{"reason":"ResourceVersionTooLarge","message":"Too large resource version"}],"retryAfterSeconds":1},"code":504}""";

    [Test]
    public void SecretsList_Http504TooLargeResourceVersion_IsResourceVersionTooLarge()
    {
        using var stub = new StubApiHandler(_ => StubApiHandler.Json(TooLargeStatus(), HttpStatusCode.GatewayTimeout));
        var source = KubernetesListWatches.Secrets(stub.CreateClient(), Selector);

        Assert.That(() => source.ListAsync("90", null, 500, CancellationToken.None), Restart(RestartReason.TooLargeResourceVersion));
    }

    [Test]
    public void SecretsList_Http504WithoutTheCause_StaysAnHttpFailure()
    {
        using var stub = new StubApiHandler(_ => StubApiHandler.Status(HttpStatusCode.GatewayTimeout, "Timeout"));
        var source = KubernetesListWatches.Secrets(stub.CreateClient(), Selector);

        Assert.That(() => source.ListAsync("90", null, 500, CancellationToken.None), Throws.TypeOf<k8s.Autorest.HttpOperationException>());
    }

    [Test]
    public void SecretsWatch_TooLargeErrorEvent_IsResourceVersionTooLarge()
    {
        using var stub = new StubApiHandler(_ => StubApiHandler.WatchLines("{\"type\":\"ERROR\",\"object\":" + TooLargeStatus() + "}"));
        var source = KubernetesListWatches.Secrets(stub.CreateClient(), Selector);

        Assert.That(() => DrainAsync(source.WatchAsync("90", 450, CancellationToken.None)), Restart(RestartReason.TooLargeResourceVersion));
    }

    [Test]
    public void SecretsWatch_Http504TooLargeOnTheWatchRequest_IsResourceVersionTooLarge()
    {
        using var stub = new StubApiHandler(_ => StubApiHandler.Json(TooLargeStatus(), HttpStatusCode.GatewayTimeout));
        var source = KubernetesListWatches.Secrets(stub.CreateClient(), Selector);

        Assert.That(() => DrainAsync(source.WatchAsync("90", 450, CancellationToken.None)), Restart(RestartReason.TooLargeResourceVersion));
    }

    private static HttpResponseMessage TooManyRequests(string? retryAfterHeader, string details = "")
    {
        var response = StubApiHandler.Json(
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"reason\":\"TooManyRequests\"" + details + ",\"code\":429}",
            HttpStatusCode.TooManyRequests);
        if (retryAfterHeader is not null)
        {
            response.Headers.TryAddWithoutValidation("Retry-After", retryAfterHeader);
        }

        return response;
    }

    [TestCase("7", "", 7)]
    [TestCase(null, ",\"details\":{\"retryAfterSeconds\":3}", 3)]
    [TestCase("7", ",\"details\":{\"retryAfterSeconds\":3}", 7)]
    [TestCase("Wed, 21 Oct 2015 07:28:00 GMT", "", null)]
    [TestCase("0", "", null)]
    [TestCase(null, "", null)]
    public void SecretsList_Http429_IsTooManyRequestsWithRetryAfter(string? header, string details, int? expectedSeconds)
    {
        using var stub = new StubApiHandler(_ => TooManyRequests(header, details));
        var source = KubernetesListWatches.Secrets(stub.CreateClient(), Selector);

        // The header wins; the Status's retryAfterSeconds stands in when there is none; an HTTP-date counts as none.
        Assert.That(() => source.ListAsync("0", null, 500, CancellationToken.None),
            Restart(RestartReason.TooManyRequests).And.Property(nameof(InformerRestartException.RetryAfter))
                .EqualTo(expectedSeconds is { } s ? TimeSpan.FromSeconds(s) : null));
    }

    [Test]
    public void SecretsWatch_Http429OnTheWatchRequest_IsTooManyRequests()
    {
        using var stub = new StubApiHandler(_ => TooManyRequests("5"));
        var source = KubernetesListWatches.Secrets(stub.CreateClient(), Selector);

        Assert.That(() => DrainAsync(source.WatchAsync("10", 450, CancellationToken.None)),
            Restart(RestartReason.TooManyRequests).And.Property(nameof(InformerRestartException.RetryAfter)).EqualTo(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public void SecretsWatch_Status429ErrorEvent_IsTooManyRequests()
    {
        using var stub = new StubApiHandler(_ => StubApiHandler.WatchLines(
            """{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","reason":"TooManyRequests","details":{"retryAfterSeconds":4},"code":429}}"""));
        var source = KubernetesListWatches.Secrets(stub.CreateClient(), Selector);

        Assert.That(() => DrainAsync(source.WatchAsync("10", 450, CancellationToken.None)),
            Restart(RestartReason.TooManyRequests).And.Property(nameof(InformerRestartException.RetryAfter)).EqualTo(TimeSpan.FromSeconds(4)));
    }

    [Test]
    public async Task SecretsWatch_EventsBookmarkThenExpiredError_YieldsEventsThenThrowsExpired()
    {
        using var stub = new StubApiHandler(_ => StubApiHandler.WatchLines(
            SecretEvent("ADDED", "a", "11"),
            """{"type":"BOOKMARK","object":{"kind":"Secret","apiVersion":"v1","metadata":{"resourceVersion":"12"}}}""",
            ExpiredEvent()));
        var source = KubernetesListWatches.Secrets(stub.CreateClient(), Selector);
        var seen = new List<WatchEvent<V1Secret>>();

        var drain = async () =>
        {
            await foreach (var evt in source.WatchAsync("10", 450, CancellationToken.None))
            {
                seen.Add(evt);
            }
        };

        Assert.That(drain, Restart(RestartReason.Expired));
        Assert.Multiple(() =>
        {
            Assert.That(seen.Select(e => (e.Kind, e.ResourceVersion)), Is.EqualTo(new[]
            {
                (WatchEventType.Added, "11"), (WatchEventType.Bookmark, "12"),
            }));
            Assert.That(seen[1].Item, Is.Null, "bookmark objects never leave the adapter");
            Assert.That(stub.Requests[0].Query, Does.Contain("watch=true").And.Contain("allowWatchBookmarks=true")
                .And.Contain("resourceVersion=10").And.Contain("timeoutSeconds=450"));
        });
    }

    [Test]
    public async Task SecretsWatch_StreamClosedBeforeFirstLine_EndsCleanly()
    {
        using var stub = new StubApiHandler(_ => StubApiHandler.WatchLines());
        var source = KubernetesListWatches.Secrets(stub.CreateClient(), Selector);

        var events = await DrainAsync(source.WatchAsync("10", 450, CancellationToken.None));

        Assert.That(events, Is.Empty);
    }

    [Test]
    public void SecretsWatch_Http410OnTheWatchRequest_IsResourceVersionExpired()
    {
        using var stub = new StubApiHandler(_ => StubApiHandler.Status(HttpStatusCode.Gone, "Gone"));
        var source = KubernetesListWatches.Secrets(stub.CreateClient(), Selector);

        Assert.That(() => DrainAsync(source.WatchAsync("10", 450, CancellationToken.None)), Restart(RestartReason.Expired));
    }

    [Test]
    public void SecretsWatch_OtherErrorEvent_IsErrorWithTheStatus()
    {
        using var stub = new StubApiHandler(_ => StubApiHandler.WatchLines(
            """{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","reason":"InternalError","code":500}}"""));
        var source = KubernetesListWatches.Secrets(stub.CreateClient(), Selector);

        Assert.That(() => DrainAsync(source.WatchAsync("10", 450, CancellationToken.None)),
            Restart(RestartReason.Error).And.Message.Contains("500 InternalError"));
    }

    [Test]
    public async Task ClusterCustomObjects_ListAndWatch_YieldJsonElementsWithVersions()
    {
        using var stub = new StubApiHandler(request => request.RequestUri!.Query.Contains("watch=true", StringComparison.Ordinal)
            ? StubApiHandler.WatchLines("""{"type":"MODIFIED","object":{"apiVersion":"kamaji.clastix.io/v1alpha1","kind":"KubeconfigGenerator","metadata":{"name":"g","resourceVersion":"21"}}}""")
            : StubApiHandler.Json("""{"apiVersion":"kamaji.clastix.io/v1alpha1","kind":"KubeconfigGeneratorList","metadata":{"resourceVersion":"20"},"items":[{"metadata":{"name":"g","resourceVersion":"19"},"spec":{}}]}"""));
        var source = KubernetesListWatches.ClusterCustomObjects(stub.CreateClient(), "kamaji.clastix.io", "v1alpha1", "kubeconfiggenerators");

        var page = await source.ListAsync("0", null, 500, CancellationToken.None);
        var events = await DrainAsync(source.WatchAsync("20", 450, CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(page.ResourceVersion, Is.EqualTo("20"));
            Assert.That(Row.KeyOf(page.Items.Single()), Is.EqualTo(ObjectKey.Cluster("g")));
            Assert.That(Row.VersionOf(page.Items.Single()), Is.EqualTo("19"));
            Assert.That(events.Single().Kind, Is.EqualTo(WatchEventType.Modified));
            Assert.That(events.Single().ResourceVersion, Is.EqualTo("21"));
            Assert.That(events.Single().Item.GetProperty("kind").GetString(), Is.EqualTo("KubeconfigGenerator"));
            Assert.That(stub.Requests[0].AbsolutePath, Is.EqualTo("/apis/kamaji.clastix.io/v1alpha1/kubeconfiggenerators"));
        });
    }

    [Test]
    public async Task NamespacedCustomObjects_List_UsesTheAllNamespacesPath()
    {
        using var stub = new StubApiHandler(_ => StubApiHandler.Json("""{"metadata":{"resourceVersion":"5"},"items":[]}"""));
        var source = KubernetesListWatches.NamespacedCustomObjects(stub.CreateClient(), "kamaji.clastix.io", "v1alpha1", "tenantcontrolplanes");

        var page = await source.ListAsync("0", null, 500, CancellationToken.None);

        Assert.That(page.Items, Is.Empty);
        Assert.That(stub.Requests[0].AbsolutePath, Is.EqualTo("/apis/kamaji.clastix.io/v1alpha1/tenantcontrolplanes"));
    }

    [Test]
    public async Task ClusterCustomObjects_WatchEventWithoutVersion_ReadsAsEmpty()
    {
        using var stub = new StubApiHandler(_ => StubApiHandler.WatchLines("""{"type":"ADDED","object":{"kind":"KubeconfigGenerator","spec":{}}}"""));
        var source = KubernetesListWatches.ClusterCustomObjects(stub.CreateClient(), "kamaji.clastix.io", "v1alpha1", "kubeconfiggenerators");

        var events = await DrainAsync(source.WatchAsync("20", 450, CancellationToken.None));

        Assert.That(events.Single().ResourceVersion, Is.Empty);
    }
}
