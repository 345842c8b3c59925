namespace KamajiKubeconfig.Chaos.Scenarios;

/// <summary>
/// The API server and its Kamaji (the sandbox process) run 10 minutes ahead of or behind the controller: CAs and
/// timestamps come from the skewed clock. The controller must issue valid kubeconfigs and settle (no reissue loop).
/// </summary>
public sealed class ClockSkew(int minutes) : FaultScenario
{
    public override string Name => minutes > 0 ? "clock-skew-api-ahead-10m" : "clock-skew-api-behind-10m";

    public override string Fault => $"sandbox and Kamaji clock {(minutes > 0 ? "+" : "−")}{Math.Abs(minutes)} min from the controller; CAs rotated, TCPs added";

    public override TimeSpan ClockOffset => TimeSpan.FromMinutes(minutes);

    public override Task ArrangeAsync(ChaosWorld world, ScenarioContext context) => Arrange.TenantsAndGeneratorAsync(world, ["skew"], 3);

    public override async Task InjectAsync(ChaosWorld world, ScenarioContext context)
    {
        context.Injected++;
        await Arrange.RotateCasAsync(world, context, "skew", "tcp0");
        context.CertificateLimits[Arrange.Key(("skew", "tcp0"))] = 2;
        await Arrange.MoreTenantsAsync(world, "skew", "late", 2);
    }
}
