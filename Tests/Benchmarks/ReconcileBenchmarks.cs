using System.Diagnostics;
using KamajiKubeconfig.Controller.Issuing;
using KamajiKubeconfig.Controller.Workers;
using KamajiKubeconfig.Reconcile;
using KamajiKubeconfig.Tests.Builders;

namespace KamajiKubeconfig.Tests.Benchmarks;

/// <summary>
/// `make bench`: numbers, not assertions. Run in Release; compare ratios measured in one run (absolute times on a
/// shared 2-core machine are noisy). Explicit, so `make test` never runs them.
/// </summary>
[Explicit("benchmark: run with make bench")]
[Category("Benchmark")]
public class ReconcileBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static TestWorld SettledWorld(int tenants, Generator generator)
    {
        var world = new TestWorld();
        for (var i = 0; i < tenants; i++)
        {
            world.Tenant($"ns-{i % 50}", $"tcp-{i}");
        }
        world.Apply(world.Reconcile(generator, Now));
        return world;
    }

    private static double Time(int repetitions, Action action)
    {
        action();
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < repetitions; i++)
        {
            action();
        }
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds / repetitions;
    }

    [TestCase(1000)]
    [TestCase(5000)]
    public void SteadyStatePass_WithAndWithoutMemo(int tenants)
    {
        var generator = new GeneratorBuilder("bench").Build();
        var world = SettledWorld(tenants, generator);
        var snapshot = world.Snapshot();
        var memo = new BoundedValidityMemo(100_000);

        var cold = Time(3, () => Reconciler.Reconcile(generator, snapshot, Now.AddHours(1), ReconcileOptions.Default));
        var warm = Time(10, () => Reconciler.Reconcile(generator, snapshot, Now.AddHours(1), ReconcileOptions.Default, memo));

        TestContext.Out.WriteLine($"steady-state pass over {tenants} TCPs (all kept): no memo {cold:F1} ms ({cold * 1000 / tenants:F1} µs/TCP), " +
            $"memo {warm:F1} ms ({warm * 1000 / tenants:F1} µs/TCP), ratio {cold / warm:F1}x");
    }

    [Test]
    public void Issuance_SequentialVersusParallel()
    {
        const int tenants = 64;
        var world = new TestWorld();
        for (var i = 0; i < tenants; i++)
        {
            world.Tenant("ns", $"tcp-{i}");
        }
        var plan = world.Reconcile(new GeneratorBuilder("bench").Build(), Now);
        var issuer = new CertificateIssuer(new SystemKeyMaterialSource());

        var sequential = Time(1, () => new KubeconfigIssuing(issuer, 1).IssueAll(plan, CancellationToken.None));
        var parallel = Time(1, () => new KubeconfigIssuing(issuer, Environment.ProcessorCount).IssueAll(plan, CancellationToken.None));

        TestContext.Out.WriteLine($"issuing {tenants} RSA-2048 kubeconfigs (real key generation): sequential {sequential:F0} ms " +
            $"({sequential / tenants:F1} ms each), parallel on {Environment.ProcessorCount} cores {parallel:F0} ms, speed-up {sequential / parallel:F2}x");
    }
}
