using System.Net;
using System.Net.Http.Headers;
using k8s.Models;
using KamajiKubeconfig.Informers;
using KamajiKubeconfig.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace KamajiKubeconfig.Tests.Informers;

/// <summary>
/// 429 Too Many Requests on a list or a watch request, through the real adapter and client: the informer waits
/// max(backoff, Retry-After), with Retry-After capped at the backoff's cap. Backoff with r = 0.5 is 1.2 s, 2.4 s….
/// </summary>
[CancelAfter(20_000)]
public class InformerThrottlingTests
{
    private const string EmptyList = """{"kind":"SecretList","apiVersion":"v1","metadata":{"resourceVersion":"10"},"items":[]}""";

    private static HttpResponseMessage TooManyRequests(int? retryAfterHeader, int? retryAfterInBody = null)
    {
        var details = retryAfterInBody is { } seconds ? $$""","details":{"retryAfterSeconds":{{seconds}}}""" : string.Empty;
        var response = StubApiHandler.Json(
            $$"""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too many requests","reason":"TooManyRequests"{{details}},"code":429}""",
            HttpStatusCode.TooManyRequests);
        if (retryAfterHeader is { } header)
        {
            response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(header));
        }

        return response;
    }

    private static bool IsWatch(HttpRequestMessage request) => request.RequestUri!.Query.Contains("watch=true", StringComparison.Ordinal);

    private static IEnumerable<TestCaseData> ListAnswers()
    {
        yield return new TestCaseData(10, null, TimeSpan.FromSeconds(10)).SetArgDisplayNames("Retry-After 10 s");
        yield return new TestCaseData(86_400, null, TimeSpan.FromSeconds(30)).SetArgDisplayNames("Retry-After a day, capped");
        yield return new TestCaseData(null, 7, TimeSpan.FromSeconds(7)).SetArgDisplayNames("retryAfterSeconds in the Status only");
        yield return new TestCaseData(1, null, TimeSpan.FromSeconds(1.2)).SetArgDisplayNames("Retry-After under the backoff");
        yield return new TestCaseData(null, null, TimeSpan.FromSeconds(1.2)).SetArgDisplayNames("no Retry-After");
    }

    [TestCaseSource(nameof(ListAnswers))]
    public async Task List_TooManyRequests_WaitsTheLongerOfBackoffAndRetryAfter(int? header, int? body, TimeSpan expected)
    {
        using var stub = new StubApiHandler(_ => TooManyRequests(header, body));
        await using var run = new Run(stub);

        var delay = await run.Time.NextBackoffAsync();

        // The restart is recorded before the backoff timer is armed, so it is visible now.
        Assert.That(delay, Is.EqualTo(expected));
        Assert.That(run.Metrics.Calls, Is.EqualTo(new[] { "restarted:TooManyRequests" }));
    }

    [Test]
    public async Task Watch_TooManyRequestsOnTheRequest_WaitsRetryAfterThenWatchesFromTheSameVersion()
    {
        var watches = 0;
        var secondWatch = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stub = new StubApiHandler(request =>
        {
            if (!IsWatch(request))
            {
                return StubApiHandler.Json(EmptyList);
            }

            if (Interlocked.Increment(ref watches) == 1)
            {
                return TooManyRequests(10);
            }

            secondWatch.TrySetResult();
            return StubApiHandler.Status(HttpStatusCode.InternalServerError, "InternalError");
        });
        await using var run = new Run(stub);

        var delay = await run.Time.NextBackoffAsync();
        run.Time.Advance(delay - TimeSpan.FromMilliseconds(1));
        var watchesBeforeDelay = Volatile.Read(ref watches);
        run.Time.Advance(TimeSpan.FromMilliseconds(1));
        await secondWatch.Task.WaitAsync(Deadline.Default);

        Assert.Multiple(() =>
        {
            Assert.That(delay, Is.EqualTo(TimeSpan.FromSeconds(10)));
            Assert.That(watchesBeforeDelay, Is.EqualTo(1));
            Assert.That(stub.Requests.Where(u => u.Query.Contains("watch=true", StringComparison.Ordinal)).Select(u => u.Query),
                Has.All.Contain("resourceVersion=10"));
            Assert.That(stub.Requests.Count(u => !u.Query.Contains("watch=true", StringComparison.Ordinal)), Is.EqualTo(1), "a 429 is no reason to relist");
        });
    }

    /// <summary>An informer over the real Secrets adapter and the stub, on the observable fake clock.</summary>
    private sealed class Run : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _task;

        public Run(StubApiHandler stub)
        {
            var informer = new Informer<V1Secret, V1Secret>(
                KubernetesListWatches.Secrets(stub.CreateClient(), "a=b"),
                s => s,
                new InformerCache<V1Secret>(new ObjectAccessor<V1Secret>(s => new ObjectKey(s.Metadata.NamespaceProperty, s.Metadata.Name), s => s.Metadata.ResourceVersion)),
                new InformerOptions { Name = "secrets" },
                Time,
                new ScriptedRandom(0.5),
                NullLogger.Instance,
                Metrics);
            _task = informer.RunAsync(_stop.Token);
        }

        public ObservableTimeProvider Time { get; } = new();

        public RecordingInformerMetrics Metrics { get; } = new();

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _task.WaitAsync(Deadline.Default);
            _stop.Dispose();
        }
    }
}
