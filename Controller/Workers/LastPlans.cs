using System.Collections.Concurrent;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Workers;

/// <summary>
/// Each generator's last completed plan, the base an incremental pass continues from. Forgotten when a pass fails
/// or is cancelled (the next one starts from scratch), and when the generator goes.
/// </summary>
public sealed class LastPlans
{
    private readonly ConcurrentDictionary<string, LastPlan> _plans = new(StringComparer.Ordinal);

    public LastPlan? Get(string generator) => _plans.GetValueOrDefault(generator);

    public void Set(string generator, LastPlan plan) => _plans[generator] = plan;

    public void Forget(string generator) => _plans.TryRemove(generator, out _);
}

/// <summary>
/// A completed plan, and the TCPs whose admin/CA Secrets its pass read directly: nothing watches those Secrets, so
/// the next pass looks at those TCPs again (re-reading what is still not cached) even when no trigger marked them.
/// </summary>
public sealed record LastPlan(ReconcilePlan Plan, IReadOnlySet<ObjectRef> ReadDirectly);
