namespace KamajiKubeconfig.Controller.Triggers;

/// <summary>
/// Collects generator names; allocates nothing until the first name, because most events wake no generator.
/// A mutable struct: pass it by reference.
/// </summary>
internal struct NameSet
{
    private SortedSet<string>? _names;

    /// <summary>Adds a name; null and empty (an absent or blank label) are ignored.</summary>
    public void Add(string? name)
    {
        if (!string.IsNullOrEmpty(name))
        {
            (_names ??= new SortedSet<string>(StringComparer.Ordinal)).Add(name);
        }
    }

    /// <summary>The names in ordinal order, so the caller's enqueue order is deterministic.</summary>
    public readonly IReadOnlyList<string> ToList() => _names is null ? [] : [.. _names];
}
