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
/// A completed plan, and whether its pass read Secrets directly: nothing watches those, so such a generator's passes
/// stay full (and refreshed every minute) until none is needed any more.
/// </summary>
public sealed record LastPlan(ReconcilePlan Plan, bool ReadDirectly);
