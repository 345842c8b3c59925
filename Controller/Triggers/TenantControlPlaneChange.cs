using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Triggers;

/// <summary>Whether an update of a TCP that a generator selects both before and after changes that generator's pass.</summary>
internal static class TenantControlPlaneChange
{
    /// <summary>
    /// Compares exactly what reconcile reads from a selected TCP (Reconcile/TargetPlanner, TemplateLoader,
    /// IdentityResolver): the uid (owner reference), the pause annotation, the admin kubeconfig and CA Secret names,
    /// and the user and groups as this generator resolves them, error text included. <c>fromDefinition</c> may point
    /// anywhere in the document, so resolving both sides is the only exact test; comparing whole documents would
    /// wake every generator on each status heartbeat of every TCP. Labels matter through selection only, which the
    /// caller has already compared.
    /// </summary>
    public static bool ChangesPass(GeneratorSpec spec, TenantControlPlane oldTcp, TenantControlPlane newTcp)
    {
        if (ReferenceEquals(oldTcp, newTcp))
        {
            return false;
        }
        if (oldTcp.Uid != newTcp.Uid
            || oldTcp.IsPaused != newTcp.IsPaused
            || oldTcp.AdminSecretName != newTcp.AdminSecretName
            || oldTcp.CaSecretName != newTcp.CaSecretName)
        {
            return true;
        }
        var before = IdentityResolver.Resolve(spec, oldTcp.Document, out var errorBefore);
        var after = IdentityResolver.Resolve(spec, newTcp.Document, out var errorAfter);
        return before != after || errorBefore != errorAfter;
    }
}
