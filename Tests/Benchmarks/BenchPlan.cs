using System.Globalization;
using KamajiKubeconfig.Benchmarks.Harness;
using KamajiKubeconfig.Sandbox.Json;

namespace KamajiKubeconfig.Benchmarks;

/// <summary>
/// The sizes of one run. <see cref="Full"/> is `make bench` (the N = 1,000 and 10,000); <see cref="Smoke"/>
/// is the same harness at N = 50, run by `make test` to keep it working. Command-line flags override either.
/// </summary>
public sealed record BenchPlan
{
    public required string Name { get; init; }

    /// <summary>The small level: convergence (ECDSA, then RSA-2048 with a second generator), memory, events.</summary>
    public required int SmallTenants { get; init; }

    /// <summary>The large level: convergence, memory, events, the naive pass, new-tenant latency, restart.</summary>
    public required int LargeTenants { get; init; }

    public required int EventsPerKind { get; init; }

    public required int EcdsaLatencySamples { get; init; }

    public required int RsaLatencySamples { get; init; }

    /// <summary>Each level idles this long once converged (writes must be 0; idle CPU and memory are read at its end).</summary>
    public required TimeSpan IdleWindow { get; init; }

    /// <summary>
    /// How long a convergence may take before it is reported as not converged: two of the controller's pass
    /// timeouts (5 minutes) and a minute: by then a pass was cancelled twice, and each retry starts from scratch.
    /// </summary>
    public TimeSpan ConvergenceTimeout { get; init; } = TimeSpan.FromMinutes(11);

    /// <summary>
    /// RSA issuances the crypto floor times (spread over the N, scaled to N): RSA key generation costs ~100 times
    /// ECDSA's, and ~250 samples pin its mean within a few percent. ECDSA floors time all N.
    /// </summary>
    public int RsaFloorSamples { get; init; } = 250;

    /// <summary>The controller counts as done with an event once its CPU grew by at most one tick over this long.</summary>
    public TimeSpan QuietWindow { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The container memory limit the controller runs under (the shipped Deployment's unless overridden).</summary>
    public long MemoryLimitBytes { get; init; } = DeploymentMemoryLimit();

    public string LogDirectory { get; init; } = Path.Combine(Repository.Root, "out", "bench");

    public static BenchPlan Full => new()
    {
        Name = "full",
        SmallTenants = 1_000,
        LargeTenants = 10_000,
        EventsPerKind = 10,
        EcdsaLatencySamples = 50,
        RsaLatencySamples = 30,
        IdleWindow = TimeSpan.FromSeconds(60),
    };

    public static BenchPlan Smoke => new()
    {
        Name = "smoke",
        SmallTenants = 10,
        LargeTenants = 50,
        EventsPerKind = 1,
        EcdsaLatencySamples = 2,
        RsaLatencySamples = 1,
        IdleWindow = TimeSpan.FromSeconds(2),
        QuietWindow = TimeSpan.FromMilliseconds(250),
    };

    /// <summary>Applies <c>--small N --large N --events N --latency N --rsa-latency N --idle SECONDS --rsa-floor-samples N --memory-limit-mi N</c>.</summary>
    public BenchPlan With(string flag, string value)
    {
        var number = int.Parse(value, CultureInfo.InvariantCulture);
        return flag switch
        {
            "--small" => this with { SmallTenants = number },
            "--large" => this with { LargeTenants = number },
            "--events" => this with { EventsPerKind = number },
            "--latency" => this with { EcdsaLatencySamples = number },
            "--rsa-latency" => this with { RsaLatencySamples = number },
            "--idle" => this with { IdleWindow = TimeSpan.FromSeconds(number) },
            "--rsa-floor-samples" => this with { RsaFloorSamples = number },
            "--memory-limit-mi" => this with { MemoryLimitBytes = number * 1024L * 1024L },
            _ => throw new ArgumentException($"unknown flag {flag}"),
        };
    }

    /// <summary>limits.memory of the shipped Deployment ("512Mi"), in bytes.</summary>
    private static long DeploymentMemoryLimit()
    {
        var deployment = YamlToJson.ParseOne(File.ReadAllText(Repository.Deployment));
        var quantity = deployment?["spec"]?["template"]?["spec"]?["containers"]?[0]?["resources"]?["limits"]?["memory"]?.GetValue<string>()
            ?? throw new BenchException("the Deployment has no limits.memory");
        return quantity.EndsWith("Mi", StringComparison.Ordinal)
            ? long.Parse(quantity[..^2], CultureInfo.InvariantCulture) * 1024 * 1024
            : throw new BenchException($"limits.memory {quantity}: the benchmark reads Mi");
    }
}
