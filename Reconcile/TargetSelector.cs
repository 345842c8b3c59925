namespace KamajiKubeconfig.Reconcile;

/// <summary>Selects the generator's TCPs: namespaces by label, then TCPs by label, sorted as Kamaji sorts them.</summary>
public static class TargetSelector
{
    /// <summary>The spec's selectors' first problem as a status error, or null when both are usable.</summary>
    public static StatusError? Problem(GeneratorSpec spec) =>
        Namespaces(spec).Validate() is { } problem ? new StatusError("spec.namespaceSelector", $"NamespaceSelector contains an error: {problem}")
        : TenantControlPlanes(spec).Validate() is { } tcpProblem
            ? new StatusError("spec.tenantControlPlaneSelector", $"TenantControlPlaneSelector contains an error: {tcpProblem}")
        : null;

    /// <summary>Whether one TCP (in <paramref name="ns"/>, if the namespace is known) is selected. Selectors must be usable.</summary>
    public static bool Selects(GeneratorSpec spec, NamespaceInfo? ns, TenantControlPlane tcp) =>
        ns is not null && Namespaces(spec).Matches(ns.Labels) && TenantControlPlanes(spec).Matches(tcp.Labels);

    public static IReadOnlyList<TenantControlPlane>? Select(GeneratorSpec spec, IClusterView cluster, out StatusError? error)
    {
        error = Problem(spec);
        return error is not null ? null : [.. cluster.Namespaces
            .Where(ns => Namespaces(spec).Matches(ns.Labels))
            .SelectMany(ns => cluster.TenantControlPlanesIn(ns.Name))
            .Where(tcp => TenantControlPlanes(spec).Matches(tcp.Labels))
            .OrderBy(tcp => tcp.Ref, ObjectRef.Order)];
    }

    private static LabelSelector Namespaces(GeneratorSpec spec) => spec.NamespaceSelector ?? LabelSelector.Everything;

    private static LabelSelector TenantControlPlanes(GeneratorSpec spec) => spec.TenantControlPlaneSelector ?? LabelSelector.Everything;
}
