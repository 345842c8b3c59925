using KamajiKubeconfig.Controller.Triggers;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Workers;

/// <summary>
/// What changed for each generator since its last pass, beside the queue whose key stays the generator name
/// (docs/design.md, "Triggers" and "The pass"): marked before the generator is enqueued, drained when its pass starts.
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
