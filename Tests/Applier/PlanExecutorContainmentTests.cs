using KamajiKubeconfig.Controller.Applier;
using KamajiKubeconfig.Controller.Issuing;
using KamajiKubeconfig.Reconcile;
using KamajiKubeconfig.Tests.Builders;
using KamajiKubeconfig.Tests.Fakes;
using Moq;

namespace KamajiKubeconfig.Tests.Applier;

/// <summary>
/// One write that throws something no API failure explains stays that write's failure (docs/behaviour.md B6): the
/// other writes of the pass go on and finish, status records the one failure, and the exception is handed to the
/// worker (<see cref="PassReport.Unexpected"/>) to be logged with its stack.
/// </summary>
public class PlanExecutorContainmentTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static IEnumerable<TestCaseData> Failures()
    {
        // Through the seam, so not classified by KubeApi: what a transport failure looks like to the applier if it escapes.
        yield return new TestCaseData(new HttpRequestException("connection reset")).SetArgDisplayNames("HttpRequestException");
        yield return new TestCaseData(new InvalidOperationException("a bug")).SetArgDisplayNames("InvalidOperationException");
    }

    [TestCaseSource(nameof(Failures))]
    public async Task Execute_OneOfThreeWritesThrows_TheOtherTwoCompleteAndTheFailureIsReported(Exception failure)
    {
        var world = new TestWorld().Tenant("ns", "a").Tenant("ns", "b").Tenant("ns", "c");
        var generator = new GeneratorBuilder("g").Build();
        var api = new Mock<IKubeApi>(MockBehavior.Strict);
        api.ServesCaKeys(world);
        // The other writes are still in flight when b's throws: a pass that aborted would cancel them here.
        var thrown = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var created = new List<string>();
        api.Setup(a => a.CreateSecretAsync(It.Is<DesiredSecret>(s => s.Ref.Name == "b-g"), It.IsAny<CancellationToken>()))
            .Returns(async () =>
            {
                await Task.Yield();
                thrown.SetResult();
                throw failure;
            });
        api.Setup(a => a.CreateSecretAsync(It.Is<DesiredSecret>(s => s.Ref.Name != "b-g"), It.IsAny<CancellationToken>()))
            .Returns(async (DesiredSecret secret, CancellationToken ct) =>
            {
                await thrown.Task.WaitAsync(ct);
                lock (created)
                {
                    created.Add(secret.Ref.Name);
                }
                return (SecretInfo?)null;
            });
        GeneratorStatus? written = null;
        api.Setup(a => a.ApplyStatusAsync("g", It.IsAny<GeneratorStatus>(), It.IsAny<CancellationToken>()))
            .Callback<string, GeneratorStatus, CancellationToken>((_, s, _) => written = s).ReturnsAsync((GeneratorStatus?)null);
        api.Setup(a => a.RecordWarningAsync(generator, It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        var executor = new PlanExecutor(api.Object, new KubeconfigIssuing(world.Issuer, 2), new SecretWriter(api.Object), 4);

        var report = await executor.ExecuteAsync(generator, world.Reconcile(generator, Now), Now, CancellationToken.None);

        Assert.That(created, Is.EquivalentTo(new[] { "a-g", "c-g" }), "the other writes finished");
        Assert.That(report.Unexpected, Is.EqualTo(new[] { failure }), "handed to the worker with its stack");
        Assert.That((report.Transient, report.Failed), Is.EqualTo((true, 1)), "retried with backoff");
        Assert.That(report.Issued.Values.Sum(), Is.EqualTo(2));
        Assert.That((written!.Resources, written.AvailableResources), Is.EqualTo((3, 2)));
        Assert.That(written.Errors.Single().Resource, Is.EqualTo("ns/b"));
        Assert.That(written.Errors.Single().Message, Does.Contain(failure.GetType().Name));
    }

    [Test]
    public async Task Execute_DeleteThrowsABug_TheOtherDeleteCompletes()
    {
        var world = new TestWorld().Tenant("ns", "a").Tenant("ns", "b");
        var generator = new GeneratorBuilder("g").Build();
        world.Apply(world.Reconcile(generator, Now));
        world.RemoveTenant("ns", "a");
        world.RemoveTenant("ns", "b");
        var settled = new GeneratorBuilder("g").Status(world.Reconcile(generator, Now).Status).Build();
        var plan = world.Reconcile(settled, Now);
        var bug = new InvalidOperationException("a bug");
        var api = new Mock<IKubeApi>(MockBehavior.Strict);
        api.Setup(a => a.DeleteSecretAsync(new ObjectRef("ns", "a-g"), It.IsAny<CancellationToken>())).ThrowsAsync(bug);
        api.Setup(a => a.DeleteSecretAsync(new ObjectRef("ns", "b-g"), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        var executor = new PlanExecutor(api.Object, new KubeconfigIssuing(world.Issuer, 2), new SecretWriter(api.Object), 4);

        var report = await executor.ExecuteAsync(settled, plan, Now, CancellationToken.None);

        Assert.That(plan.Deletes, Has.Count.EqualTo(2));
        Assert.That((report.Pruned, report.Transient), Is.EqualTo((1, true)));
        Assert.That(report.Unexpected, Is.EqualTo(new[] { bug }));
        api.Verify(a => a.DeleteSecretAsync(new ObjectRef("ns", "b-g"), It.IsAny<CancellationToken>()), Times.Once());
    }
}
