namespace KamajiKubeconfig.Reconcile;

/// <summary>Selects the generator's TCPs: namespaces by label, then TCPs by label, sorted as Kamaji sorts them.</summary>
public static class TargetSelector
{
    public static IReadOnlyList<TenantControlPlane>? Select(GeneratorSpec spec, IClusterView cluster, out StatusError? error)
    {
        var namespaceSelector = spec.NamespaceSelector ?? LabelSelector.Everything;
        var problem = namespaceSelector.Validate();
        if (problem is not null)
        {
            error = new StatusError("spec.namespaceSelector", $"NamespaceSelector contains an error: {problem}");
            return null;
        }
        var tcpSelector = spec.TenantControlPlaneSelector ?? LabelSelector.Everything;
        problem = tcpSelector.Validate();
        if (problem is not null)
        {
            error = new StatusError("spec.tenantControlPlaneSelector", $"TenantControlPlaneSelector contains an error: {problem}");
            return null;
        }
        error = null;
        return [.. cluster.Namespaces
            .Where(ns => namespaceSelector.Matches(ns.Labels))
            .SelectMany(ns => cluster.TenantControlPlanesIn(ns.Name))
            .Where(tcp => tcpSelector.Matches(tcp.Labels))
            .OrderBy(tcp => tcp.Ref, ObjectRef.Order)];
    }
}
