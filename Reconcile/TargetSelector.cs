namespace KamajiKubeconfig.Reconcile;

/// <summary>Selects the generator's TCPs: namespaces by label, then TCPs by label, sorted as Kamaji sorts them.</summary>
public static class TargetSelector
{
    /// <summary>The spec's selectors' first problem as a status error, or null when both are usable.</summary>
    public static StatusError? Problem(GeneratorSpec spec)
    {
        var problem = (spec.NamespaceSelector ?? LabelSelector.Everything).Validate();
        if (problem is not null)
        {
            return new StatusError("spec.namespaceSelector", $"NamespaceSelector contains an error: {problem}");
        }
        problem = (spec.TenantControlPlaneSelector ?? LabelSelector.Everything).Validate();
        return problem is null ? null : new StatusError("spec.tenantControlPlaneSelector", $"TenantControlPlaneSelector contains an error: {problem}");
    }

    /// <summary>Whether one TCP (in <paramref name="ns"/>, if the namespace is known) is selected. Selectors must be usable.</summary>
    public static bool Selects(GeneratorSpec spec, NamespaceInfo? ns, TenantControlPlane tcp) =>
        ns is not null
        && (spec.NamespaceSelector ?? LabelSelector.Everything).Matches(ns.Labels)
        && (spec.TenantControlPlaneSelector ?? LabelSelector.Everything).Matches(tcp.Labels);

    public static IReadOnlyList<TenantControlPlane>? Select(GeneratorSpec spec, IClusterView cluster, out StatusError? error)
    {
        error = Problem(spec);
        if (error is not null)
        {
            return null;
        }
        var namespaceSelector = spec.NamespaceSelector ?? LabelSelector.Everything;
        var tcpSelector = spec.TenantControlPlaneSelector ?? LabelSelector.Everything;
        return [.. cluster.Namespaces
            .Where(ns => namespaceSelector.Matches(ns.Labels))
            .SelectMany(ns => cluster.TenantControlPlanesIn(ns.Name))
            .Where(tcp => tcpSelector.Matches(tcp.Labels))
            .OrderBy(tcp => tcp.Ref, ObjectRef.Order)];
    }
}
