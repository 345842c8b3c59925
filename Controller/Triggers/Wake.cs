using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Triggers;

/// <summary>One generator to wake, for one TCP whose inputs changed, or with <see cref="Tenant"/> null for a full pass.</summary>
public readonly record struct Wake(string Generator, ObjectRef? Tenant)
{
    public static Wake All(string generator) => new(generator, null);
}

/// <summary>
/// Collects wakes (per event, and as the table of <c>DirtyTargets</c>; docs/design.md, "Triggers"). A mutable struct:
/// pass it by reference.
/// </summary>
internal struct WakeSet
{
    private SortedDictionary<string, SortedSet<ObjectRef>?>? _wakes;

    /// <summary>Wakes <paramref name="generator"/> for <paramref name="tenant"/> (null = a full pass); a null or empty name is ignored.</summary>
    public void Add(string? generator, ObjectRef? tenant)
    {
        if (string.IsNullOrEmpty(generator))
        {
            return;
        }
        _wakes ??= new SortedDictionary<string, SortedSet<ObjectRef>?>(StringComparer.Ordinal);
        if (tenant is null)
        {
            _wakes[generator] = null;
        }
        else if (!_wakes.TryGetValue(generator, out var tenants))
        {
            _wakes[generator] = new SortedSet<ObjectRef>(ObjectRef.Order) { tenant.Value };
        }
        else
        {
            tenants?.Add(tenant.Value);
        }
    }

    /// <summary>Takes the wakes of <paramref name="generator"/>: false if none; else its TCPs, null for a full pass.</summary>
    public bool Remove(string generator, out SortedSet<ObjectRef>? tenants)
    {
        tenants = null;
        return _wakes is not null && _wakes.Remove(generator, out tenants);
    }

    /// <summary>In ordinal order of generator, then of TCP, so the caller's enqueue order is deterministic.</summary>
    public readonly IReadOnlyList<Wake> ToList() => _wakes is null ? []
        : [.. _wakes.SelectMany(p => p.Value is null ? [Wake.All(p.Key)] : p.Value.Select(t => new Wake(p.Key, t)))];
}
