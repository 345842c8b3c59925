namespace KamajiKubeconfig.Chaos.Scenarios;

/// <summary>
/// 429 with Retry-After: 1 on every Secret write for 40 s. The worker must wait max(Retry-After, its rate limiter's
/// backoff): retrying every second for 40 s is the throttling loop of issue 10 (defect 1).
/// </summary>
public sealed class ThrottledWrites : FaultScenario
{
    private const int WindowSeconds = 40;
    private const int MaxAttempts = 25;

    public override string Name => "throttled-429-retry-after";

    public override string Fault => $"every Secret write answers 429 Retry-After: 1 for {WindowSeconds} s while a TCP waits for its Secret";

    public override TimeSpan Deadline => TimeSpan.FromSeconds(WindowSeconds + 45);

    public override Task ArrangeAsync(ChaosWorld world, ScenarioContext context) => Arrange.TenantsAndGeneratorAsync(world, ["throttle"], 2);

    public override async Task InjectAsync(ChaosWorld world, ScenarioContext context)
    {
        await world.Control.RuleAsync(429, resource: "secrets", user: ChaosWorld.ControllerUser, seconds: WindowSeconds, retryAfterSeconds: 1, verb: "create");
        await world.Control.RuleAsync(429, resource: "secrets", user: ChaosWorld.ControllerUser, seconds: WindowSeconds, retryAfterSeconds: 1, verb: "patch");
        await world.CreateTenantAsync("throttle", "late0");
        await Task.Delay(TimeSpan.FromSeconds(WindowSeconds));
    }

    public override async Task VerifyAsync(ChaosWorld world, ScenarioContext context)
    {
        var attempts = (await world.ControllerWritesSinceAsync(context.Mark)).Count(w => w.Resource == "secrets" && w.Injected == 429);
        context.Note($"{attempts} throttled Secret writes in {WindowSeconds} s");
        if (attempts > MaxAttempts)
        {
            context.Fail("controller", $"{attempts} Secret writes throttled in {WindowSeconds} s with Retry-After: 1 (at most {MaxAttempts} when the rate limiter's backoff is honoured): a throttling loop");
        }
    }
}
