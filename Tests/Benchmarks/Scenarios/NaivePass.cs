using KamajiKubeconfig.Benchmarks.Harness;
using KamajiKubeconfig.Controller.Workers;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Benchmarks.Scenarios;

/// <summary>
/// One full pass of the pure reconcile over the converged large level, in this process (its CPU on every core, as
/// the pass plans in parallel; the in-process sandbox is idle meanwhile): without any
/// memo (every template, CA and kubeconfig parsed and checked: what each event would cost a controller that
/// remembers nothing) and through a primed memo (what a full pass costs the controller today).
/// </summary>
public static class NaivePass
{
    public static (int Tenants, double NaiveCpuMs, double MemoCpuMs) Measure(BenchSandbox sandbox, string generatorName)
    {
        var view = StoreView.Build(sandbox, withGenerated: true);
        var generator = StoreView.Generator(sandbox, generatorName);
        var now = DateTimeOffset.UtcNow;

        var cpu = ProcessStats.Self().CpuSeconds;
        var plan = Reconciler.Reconcile(generator, view, now, ReconcileOptions.Default, NoValidityMemo.Instance);
        var naive = ProcessStats.Self().CpuSeconds - cpu;
        var kept = plan.Targets.Count(t => t.Action == TargetAction.Keep);
        if (kept != plan.Targets.Count)
        {
            throw new BenchException($"the naive pass keeps {kept} of {plan.Targets.Count} targets: the level is not converged");
        }

        var memo = new BoundedValidityMemo(1_000_000);
        Reconciler.Reconcile(generator, view, now, ReconcileOptions.Default, memo);
        // Passes through the memo are short: repeat until the 10 ms CPU clock has something to say.
        var passes = 0;
        cpu = ProcessStats.Self().CpuSeconds;
        while (passes < 3 || (ProcessStats.Self().CpuSeconds - cpu < 0.5 && passes < 1_000))
        {
            Reconciler.Reconcile(generator, view, now, ReconcileOptions.Default, memo);
            passes++;
        }
        var memoPass = (ProcessStats.Self().CpuSeconds - cpu) / passes;
        return (plan.Targets.Count, naive * 1000, memoPass * 1000);
    }
}
