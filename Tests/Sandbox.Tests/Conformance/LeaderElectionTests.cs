using k8s;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;

namespace KamajiKubeconfig.Sandbox.Tests.Conformance;

/// <summary>The C# client's LeaderElector with a LeaseLock works against the sandbox (B10).</summary>
public sealed class LeaderElectionTests
{
    // B10: acquire creates the Lease with holder, acquire/renew MicroTimes; a second candidate waits.
    [Test]
    public async Task LeaseLock_AcquiresAndHolds()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var client = SandboxFixture.Client(server);
        LeaderElector Elector(string identity) => new(new LeaderElectionConfig(new LeaseLock(client, "default", "controller-lock", identity))
        {
            LeaseDuration = TimeSpan.FromSeconds(3),
            RenewDeadline = TimeSpan.FromSeconds(2),
            RetryPeriod = TimeSpan.FromMilliseconds(200),
        });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var first = Elector("one");
        var second = Elector("two");
        var leading = new TaskCompletionSource();
        first.OnStartedLeading += () => leading.TrySetResult();
        var running = first.RunUntilLeadershipLostAsync(cts.Token);
        await leading.Task.WaitAsync(cts.Token);
        var competing = second.RunUntilLeadershipLostAsync(cts.Token);
        var lease = await client.CoordinationV1.ReadNamespacedLeaseAsync("controller-lock", "default");
        Assert.Multiple(() =>
        {
            Assert.That(lease.Spec.HolderIdentity, Is.EqualTo("one"));
            Assert.That(lease.Spec.RenewTime, Is.Not.Null);
            Assert.That(second.IsLeader(), Is.False);
        });
        await cts.CancelAsync();
        try
        {
            await Task.WhenAll(running, competing);
        }
        catch (OperationCanceledException)
        {
            // B10: cancellation throws out of the run methods.
        }
    }
}
