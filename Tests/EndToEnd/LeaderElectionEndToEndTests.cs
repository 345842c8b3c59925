using k8s;
using KamajiKubeconfig.Controller.Hosting;

namespace KamajiKubeconfig.Tests.EndToEnd;

/// <summary>
/// Two controllers on one API server: only the holder of Lease kubeconfiggenerator.kamaji.clastix.io writes; when
/// it stops, the other takes over within the lease duration and converges.
/// </summary>
public class LeaderElectionEndToEndTests : EndToEndTestBase
{
    protected override ControllerOptions Options => new() { LeaderElect = true, Workers = 2 };

    private async Task<string?> HolderAsync()
    {
        var lease = await Admin.CoordinationV1.ReadNamespacedLeaseAsync(ControllerOptions.LeaseName, "kamaji-system");
        return lease.Spec?.HolderIdentity;
    }

    [Test]
    public async Task TwoReplicas_OnlyTheLeaderWritesAndTheOtherTakesOver()
    {
        await Eventually.HoldsAsync(async () => await HolderAsync() == Controller.Identity, "the first controller to lead");
        await using var standby = await ControllerUnderTest.StartAsync(ControllerKubeconfig, Options);
        var ns = Unique("leader");
        await CreateNamespaceAsync(ns);
        await CreateTenantAsync(ns, "t1");
        var generator = Unique("leader");
        await CreateGeneratorForAsync(generator, ns);
        await SecretAsync(ns, $"t1-{generator}");

        var standbyScrape = await MetricsEndToEndTests.ScrapeAsync(standby);
        Assert.That(MetricsEndToEndTests.Sum(standbyScrape, "controller_runtime_reconcile_total"), Is.Zero, "the standby reconciled nothing");
        Assert.That(MetricsEndToEndTests.Value(standbyScrape, "leader_election_master_status", $"name=\"{ControllerOptions.LeaseName}\""), Is.Zero);

        var stopped = DateTime.UtcNow;
        await Controller.StopAsync();
        await Eventually.HoldsAsync(async () => await HolderAsync() == standby.Identity, "the standby to take the lease");
        var takeover = DateTime.UtcNow - stopped;
        TestContext.Out.WriteLine($"takeover after {takeover.TotalSeconds:F1}s");
        Assert.That(takeover, Is.LessThan(TimeSpan.FromSeconds(15)), "taken over within the lease duration");

        await CreateTenantAsync(ns, "t2");
        await SecretAsync(ns, $"t2-{generator}");
        Assert.That(MetricsEndToEndTests.Sum(await MetricsEndToEndTests.ScrapeAsync(standby), "controller_runtime_reconcile_total"), Is.GreaterThan(0));
    }
}
