using KamajiKubeconfig.Chaos.Security;

namespace KamajiKubeconfig.Chaos.Tests;

/// <summary>
/// The controller's identity under manifests/rbac/ (issue 10, Security): SelfSubjectAccessReviews as its ServiceAccount
/// in the sandbox show it can do its job and is denied everything a broader role would allow; the same reviews as a
/// broadly bound ServiceAccount are allowed, so each denial is a real restriction.
/// </summary>
[Parallelizable(ParallelScope.Self)]
public sealed class RbacLeastPrivilegeTests
{
    [Test]
    public async Task ShippedRbac_ControllerServiceAccount_CanDoItsJobAndNothingMore()
    {
        await using var world = await ChaosWorld.StartAsync(ChaosDirectory.ForCurrentTest());
        var (needed, denied) = await RbacAudit.RunAsync(world);
        await TestContext.Out.WriteLineAsync("Allowed (needed):");
        foreach (var a in needed)
        {
            await TestContext.Out.WriteLineAsync($"  {(a.Controller ? "allowed" : "DENIED ")}  {a.Check}  ({a.Check.Why})");
        }
        await TestContext.Out.WriteLineAsync("Denied although the broad role allows it:");
        foreach (var a in denied)
        {
            await TestContext.Out.WriteLineAsync($"  {(a.Controller ? "ALLOWED" : "denied ")}  {a.Check}  ({a.Check.Why}); broad role: {(a.Broad ? "allowed" : "denied")}");
        }
        var violations = RbacAudit.Violations(needed, denied);
        Assert.That(violations, Is.Empty, string.Join("\n", violations));
    }
}
