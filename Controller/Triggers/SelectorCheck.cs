using System.Runtime.CompilerServices;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Triggers;

/// <summary>
/// Selection as <see cref="TargetSelector"/> does it, one object at a time. A generator with an invalid selector
/// selects nothing here (reconcile reports the error and selects nothing too).
/// </summary>
internal static class SelectorCheck
{
    private static readonly object Valid = new();
    private static readonly object Invalid = new();

    // Validation runs regular expressions over every key and value; a spec object lives as long as its cache
    // entry, so its verdict is remembered per instance rather than recomputed for every generator on every event.
    private static readonly ConditionalWeakTable<GeneratorSpec, object> Verdicts = [];

    public static bool IsUsable(GeneratorSpec spec) => Verdicts.GetValue(spec, Check) == Valid;

    /// <summary>Whether the namespace selector accepts <paramref name="labels"/>; an unknown namespace (null) counts as a match.</summary>
    public static bool NamespaceMatches(GeneratorSpec spec, SortedMap? labels) =>
        labels is null || (spec.NamespaceSelector ?? LabelSelector.Everything).Matches(labels);

    public static bool TenantControlPlaneMatches(GeneratorSpec spec, SortedMap labels) =>
        (spec.TenantControlPlaneSelector ?? LabelSelector.Everything).Matches(labels);

    private static object Check(GeneratorSpec spec) =>
        spec.NamespaceSelector?.Validate() is null && spec.TenantControlPlaneSelector?.Validate() is null ? Valid : Invalid;
}
