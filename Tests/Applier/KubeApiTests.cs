using System.Net;
using k8s;
using KamajiKubeconfig.Controller.Applier;
using KamajiKubeconfig.Reconcile;
using KamajiKubeconfig.Tests.Fakes;
using KamajiKubeconfig.Tests.Observability;

namespace KamajiKubeconfig.Tests.Applier;

/// <summary>
/// <see cref="KubeApi"/> over the real client: every way a request can fail arrives as one classified
/// <see cref="KubeApiException"/>, and a Secret name no API server would accept never becomes a
/// request at all.
/// </summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public class KubeApiTests
{
    private static readonly ObjectRef Secret = new("ns", "t-g");

    private const string Applied = "kubeconfig_generator_apply_requests_total";

    private readonly ControllerMetricsFixture _metrics = new();

    private static DesiredSecret Desired(ObjectRef target) => new(target, SortedMap.Of((WellKnown.ManagedByLabel, "g")), SortedMap.Empty,
        new OwnerReference(WellKnown.ApiVersion, WellKnown.TenantControlPlaneKind, "t", "uid-t", true, true), [1, 2, 3]);

    private KubeApi Api(IKubernetes client) => new(client, TimeProvider.System, "test", _metrics.Metrics);

    private static readonly string[] Operations = ["get", "list", "apply", "create", "delete"];

    private static Task Send(KubeApi api, string operation, ObjectRef target) => operation switch
    {
        "get" => api.GetSecretAsync(target, CancellationToken.None),
        "list" => api.ListSecretsAsync(target.Namespace, "a=b", CancellationToken.None),
        "apply" => api.ApplySecretAsync(Desired(target), true, CancellationToken.None),
        "create" => api.CreateSecretAsync(Desired(target), CancellationToken.None),
        "delete" => api.DeleteSecretAsync(target, CancellationToken.None),
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };

    [TestCaseSource(nameof(Operations))]
    public void Request_ServerSilentPastTheClientTimeout_IsATransportFailureCountedAsOne(string operation)
    {
        using var handler = new SilentApiHandler();
        using var client = handler.CreateClient(TimeSpan.FromMilliseconds(200));

        var failure = Assert.ThrowsAsync<KubeApiException>(() => Send(Api(client), operation, Secret));

        Assert.That((failure!.Kind, failure.IsTransient, failure.Message), Is.EqualTo((ApiFailureKind.Transport, true, "the request timed out")));
        Assert.That(_metrics.NonZero(Applied), Is.EqualTo(new Dictionary<string, double> { ["{outcome=\"transport_error\"}"] = 1 }));
    }

    [TestCaseSource(nameof(Operations))]
    public void Request_ServerSilentPastOurDeadline_EndsAfterTheRequestTimeoutNotTheClients(string operation)
    {
        // The client would wait 5 minutes; one tenant's hung request must end at our own deadline instead.
        using var handler = new SilentApiHandler();
        using var client = handler.CreateClient(TimeSpan.FromMinutes(5));
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var api = new KubeApi(client, time, "test", _metrics.Metrics, TimeSpan.FromSeconds(15));

        var request = Send(api, operation, Secret);
        time.Advance(TimeSpan.FromSeconds(14));
        Assert.That(request.IsCompleted, Is.False);
        time.Advance(TimeSpan.FromSeconds(1));

        var failure = Assert.ThrowsAsync<KubeApiException>(() => request);
        Assert.That((failure!.Kind, failure.IsTransient, failure.Message), Is.EqualTo((ApiFailureKind.Transport, true, "no answer within 15 s")));
    }

    [Test]
    public void GetSecret_CallerCancels_IsACancellationNotAFailureOfTheServer()
    {
        using var handler = new SilentApiHandler();
        using var client = handler.CreateClient(TimeSpan.FromMinutes(5));
        using var caller = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        Assert.CatchAsync<OperationCanceledException>(() => Api(client).GetSecretAsync(Secret, caller.Token));

        Assert.That(_metrics.NonZero(Applied), Is.Empty);
    }

    [Test]
    public void GetSecret_ConnectionRefused_IsATransportFailure()
    {
        using var client = new Kubernetes(new KubernetesClientConfiguration { Host = $"http://127.0.0.1:{ClosedPort.Next()}" });

        var failure = Assert.ThrowsAsync<KubeApiException>(() => Api(client).GetSecretAsync(Secret, CancellationToken.None));

        Assert.That(failure!.Kind, Is.EqualTo(ApiFailureKind.Transport));
        Assert.That(failure.InnerException, Is.InstanceOf<HttpRequestException>());
        Assert.That(_metrics.NonZero(Applied), Is.EqualTo(new Dictionary<string, double> { ["{outcome=\"transport_error\"}"] = 1 }));
    }

    [Test]
    public void ApplySecret_429WithRetryAfter_IsThrottledWithTheServersWait()
    {
        using var handler = new StubApiHandler(_ =>
        {
            var answer = StubApiHandler.Status(HttpStatusCode.TooManyRequests, "TooManyRequests");
            answer.Headers.Add("Retry-After", "3");
            return answer;
        });
        using var client = handler.CreateClient();

        var failure = Assert.ThrowsAsync<KubeApiException>(() => Api(client).ApplySecretAsync(Desired(Secret), true, CancellationToken.None));

        Assert.That((failure!.Kind, failure.RetryAfter, failure.IsTransient), Is.EqualTo((ApiFailureKind.Throttled, (TimeSpan?)TimeSpan.FromSeconds(3), true)));
        Assert.That(_metrics.NonZero(Applied), Is.EqualTo(new Dictionary<string, double> { ["{outcome=\"throttled\"}"] = 1 }));
    }

    private static readonly string[] HostileNames =
    [
        "../../other/secrets/x", "a/b", "%2F", "x%2Fy", "x?watch=true", "x#y", " x", "x y", "x\ny", "x\n", "X", "..", ".", "", new string('a', 300),
    ];

    [Test]
    public void Request_NameNoServerWouldAccept_IsRefusedAsInvalidBeforeAnyRequest(
        [ValueSource(nameof(Operations))] string operation, [ValueSource(nameof(HostileNames))] string name, [Values] bool inNamespace)
    {
        using var handler = new StubApiHandler(_ => StubApiHandler.Json("{}"));
        using var client = handler.CreateClient();
        // A list names a namespace only.
        var target = inNamespace || operation == "list" ? new ObjectRef(name, "t-g") : new ObjectRef("ns", name);

        var failure = Assert.ThrowsAsync<KubeApiException>(() => Send(Api(client), operation, target));

        Assert.That((failure!.Kind, failure.IsTransient), Is.EqualTo((ApiFailureKind.Invalid, false)));
        Assert.That(handler.Requests, Is.Empty, "nothing reached the server");
    }
}
