using KamajiKubeconfig.Controller.Triggers;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Workers;

/// <summary>
/// What changed for each generator since its last pass: the queue's key stays the generator name, and this side
/// table tells the pass whether it may re-plan only some TCPs. Marked before the generator is enqueued and drained
/// when its pass starts, so a change that lands during a pass is kept for the pass after it.
/// </summary>
public sealed class DirtyTargets
{
    private readonly Lock _gate = new();
    private WakeSet _dirty;

    public void Mark(Wake wake)
    {
        lock (_gate)
        {
            _dirty.Add(wake.Generator, wake.Tenant);
        }
    }

    /// <summary>
    /// Takes what changed: null when something called for a full pass, else the TCPs that changed (empty when the
    /// generator was woken by time alone: a renewal or a retry).
    /// </summary>
    public IReadOnlySet<ObjectRef>? Drain(string generator)
    {
        lock (_gate)
        {
            return _dirty.Remove(generator, out var tenants) ? tenants : new HashSet<ObjectRef>();
        }
    }
}
