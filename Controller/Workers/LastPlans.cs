using System.Collections.Concurrent;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Workers;

/// <summary>
/// Each generator's last completed plan, the base an incremental pass continues from. Forgotten when a pass fails
/// or is cancelled (the next one starts from scratch), and when the generator goes.
/// </summary>
public sealed class LastPlans
{
    private readonly ConcurrentDictionary<string, ReconcilePlan> _plans = new(StringComparer.Ordinal);

    public ReconcilePlan? Get(string generator) => _plans.GetValueOrDefault(generator);

    public void Set(string generator, ReconcilePlan plan) => _plans[generator] = plan;

    public void Forget(string generator) => _plans.TryRemove(generator, out _);
}
