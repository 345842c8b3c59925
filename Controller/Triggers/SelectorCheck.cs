using System.Runtime.CompilerServices;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Triggers;

/// <summary>
/// Selection as <see cref="TargetSelector"/> does it, one object at a time. A generator with an invalid selector
/// selects nothing here (reconcile reports the error and selects nothing too).
/// </summary>
internal static class SelectorCheck
{
    // Validation runs regular expressions over every key and value; a spec object lives as long as its cache
    // entry, so its verdict is remembered per instance rather than recomputed for every generator on every event.
    private static readonly ConditionalWeakTable<GeneratorSpec, object> Verdicts = [];

    public static bool IsUsable(GeneratorSpec spec) => (bool)Verdicts.GetValue(spec,
        static s => s.NamespaceSelector?.Validate() is null && s.TenantControlPlaneSelector?.Validate() is null);

    /// <summary>Whether the namespace selector accepts <paramref name="labels"/>; an unknown namespace (null) counts as a match.</summary>
    public static bool NamespaceMatches(GeneratorSpec spec, SortedMap? labels) =>
        labels is null || (spec.NamespaceSelector ?? LabelSelector.Everything).Matches(labels);

    public static bool TenantControlPlaneMatches(GeneratorSpec spec, SortedMap labels) =>
        (spec.TenantControlPlaneSelector ?? LabelSelector.Everything).Matches(labels);
}
