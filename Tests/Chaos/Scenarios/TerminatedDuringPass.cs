using System.Text.Json.Nodes;
using KamajiKubeconfig.Chaos.Infrastructure;

namespace KamajiKubeconfig.Chaos.Scenarios;

/// <summary>
/// SIGTERM during a pass of a leader-elected replica, while it issues RSA-2048 keys or while one of its applies hangs: it
/// exits cleanly within the 30 s grace period (in-flight applies finish or are given up), the Lease is released (a
/// successor leads at once, not after 15 s), and the successor converges without reissuing what was written.
/// </summary>
public sealed class TerminatedDuringPass(bool hangingApply) : FaultScenario
{
    public override string Name => hangingApply ? "sigterm-while-an-apply-hangs" : "sigterm-during-pass";

    public override string Fault => hangingApply
        ? "SIGTERM while one Secret create hangs for 60 s (leader election on): must still exit within the 30 s grace period and release the Lease"
        : "SIGTERM during a pass issuing 12 RSA-2048 kubeconfigs (leader election on), then a new replica";

    public override TimeSpan Deadline => TimeSpan.FromSeconds(120);

    public override bool Heavy => !hangingApply;

    public override async Task ArrangeAsync(ChaosWorld world, ScenarioContext context)
    {
        await world.CreateTenantsAsync(["term"], 12);
        await world.StartControllerAsync(leaderElect: true);
    }

    public override async Task InjectAsync(ChaosWorld world, ScenarioContext context)
    {
        var first = world.Controllers[0];
        await Poll.UntilAsync(async () => (await Arrange.LeaseAsync(world))?["spec"]?["holderIdentity"]?.ToString()?.StartsWith(first.Name, StringComparison.Ordinal) == true,
            TimeSpan.FromSeconds(30));
        var mark = await world.Control.LastRequestAsync();
        if (hangingApply)
        {
            await world.Control.RuleAsync(504, verb: "create", resource: "secrets", user: ChaosWorld.ControllerUser, count: 1, hangSeconds: 60);
        }
        await world.CreateGeneratorAsync(Objects.Generator(Arrange.Generator, ["term"], hangingApply ? "ECDSA-P256" : "RSA-2048"));
        await Arrange.WaitForPassStartAsync(world, mark);
        if (hangingApply)
        {
            await Poll.UntilAsync(async () => (await world.ControllerWritesSinceAsync(mark)).Any(w => w.Injected == 504), TimeSpan.FromSeconds(30));
        }
        var written = await Arrange.CountSecretsAsync(world);
        var took = await first.TerminateAsync(TimeSpan.FromSeconds(40));
        context.Injected++;
        world.Retired.Add(first);
        var after = (await world.Admin.ListAsync("/api/v1/namespaces/term/secrets?labelSelector=kamaji.clastix.io%2Fmanaged-by")).Count;
        context.Note($"SIGTERM with {written} Secrets written; exited after {took?.TotalSeconds:0.0} s (code {first.ExitCode}) with {after} written");
        if (took is null || first.ExitCode != 0)
        {
            context.Fail(first.Name, $"did not exit cleanly within 40 s of SIGTERM (exit code {first.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"})");
        }
        var lease = await Arrange.LeaseAsync(world);
        if (!Released(lease))
        {
            context.Fail("Lease", $"not released on shutdown: {lease?["spec"]?.ToJsonString()}");
        }
        var second = await world.StartControllerAsync(leaderElect: true);
        var leads = await Poll.UntilAsync(async () => (await Arrange.LeaseAsync(world))?["spec"]?["holderIdentity"]?.ToString()?.StartsWith(second.Name, StringComparison.Ordinal) == true,
            TimeSpan.FromSeconds(30));
        context.Note($"the successor led after {leads:0.0} s");
    }

    /// <summary>Released: no holder, or a lease that expires within a second or two of its renew time (client-go's ReleaseOnCancel).</summary>
    private static bool Released(JsonObject? lease)
    {
        var spec = lease?["spec"];
        return spec is null || string.IsNullOrEmpty(spec["holderIdentity"]?.ToString()) || spec["leaseDurationSeconds"]?.GetValue<int>() <= 2;
    }
}
