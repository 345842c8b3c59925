using KamajiKubeconfig.Controller.Applier;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace KamajiKubeconfig.Tests.Workers;

/// <summary>
/// A failed pass leaves its stack trace in the log: the exception itself is logged, inside a
/// scope that names the generator and the pass, so one pass's lines can be told from another's.
/// </summary>
public class ReconcileWorkerLoggingTests
{
    private static IReadOnlyDictionary<string, object> PassScope(FakeLogRecord record) =>
        record.Scopes.OfType<IEnumerable<KeyValuePair<string, object>>>().Select(s => s.ToDictionary()).SingleOrDefault(s => s.ContainsKey("pass"))
        ?? throw new AssertionException($"no pass scope on \"{record.Message}\" (scopes: {record.Scopes.Count})");

    [Test]
    public async Task Run_PassThrows_LogsTheExceptionInsideAScopeNamingGeneratorAndPass()
    {
        using var harness = new WorkerHarness();
        var first = new InvalidOperationException("first bug");
        var second = new KubeApiException(ApiFailureKind.ServerError, "the server answered 500");
        harness.Runner.ThenThrow(first).ThenThrow(second);
        harness.Queue.Add(WorkerHarness.Generator);
        await harness.RunOnePassAsync();
        harness.AssertReadyAfter(TimeSpan.FromMilliseconds(5), "retried");

        await harness.RunOnePassAsync();

        var errors = harness.Logger.Collector.GetSnapshot().Where(r => r.Level == LogLevel.Error).ToList();
        Assert.That(errors.Select(r => r.Exception), Is.EqualTo(new Exception[] { first, second }), "each failure logged with its exception");
        Assert.That(errors.Select(r => r.Message), Is.EqualTo(new[]
        {
            "Pass over generator g failed with an unexpected error (bug)",
            "Pass over generator g failed with an error",
        }));
        var scopes = errors.Select(PassScope).ToList();
        Assert.That(scopes.Select(s => s["generator"]), Is.EqualTo(new[] { "g", "g" }));
        Assert.That(scopes[1]["pass"], Is.Not.EqualTo(scopes[0]["pass"]), "each pass has its own id");
    }

    [Test]
    public async Task Run_ContainedUnexpectedFailures_LogsEachWithItsStackInThePassScope()
    {
        using var harness = new WorkerHarness();
        var bugs = new Exception[] { new InvalidOperationException("write a"), new ArgumentException("write b") };
        harness.Runner.Then(WorkerHarness.Transient() with { Unexpected = bugs });
        harness.Queue.Add(WorkerHarness.Generator);

        await harness.RunOnePassAsync();

        var contained = harness.Logger.Collector.GetSnapshot().Where(r => r.Id.Id == 103).ToList();
        Assert.That(contained.Select(r => r.Exception), Is.EquivalentTo(bugs));
        Assert.That(contained.Select(r => r.Level), Is.All.EqualTo(LogLevel.Error));
        Assert.That(contained.Select(r => PassScope(r)["generator"]), Is.All.EqualTo("g"));
    }
}
