using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Cluster;

/// <summary>
/// The TenantControlPlane cache index behind <see cref="Triggers.ITriggerView.TenantControlPlanesUsingSecret"/>: "which
/// TCPs name this Secret in their status". The status is the authority, not the Secret's labels: Kamaji's
/// <c>kamaji.clastix.io/name</c> label can be absent or stale, while reconcile reads exactly these two names.
/// </summary>
public static class SecretReferenceIndex
{
    public const string Name = "tenantcontrolplanes-by-secret";

    /// <summary>
    /// The index values of a TCP: <c>namespace/name</c> of its admin kubeconfig and CA Secrets. The namespace is part
    /// of the value because cache indexes span all namespaces.
    /// </summary>
    public static IEnumerable<string> ValuesOf(TenantControlPlane tenantControlPlane)
    {
        ArgumentNullException.ThrowIfNull(tenantControlPlane);
        // Names that are not Secret names are never read (docs/behaviour.md A2), so they wake nobody either.
        if (ObjectNames.IsValid(tenantControlPlane.AdminSecretName))
        {
            yield return ValueOf(new ObjectRef(tenantControlPlane.Namespace, tenantControlPlane.AdminSecretName!));
        }
        if (ObjectNames.IsValid(tenantControlPlane.CaSecretName) && tenantControlPlane.CaSecretName != tenantControlPlane.AdminSecretName)
        {
            yield return ValueOf(new ObjectRef(tenantControlPlane.Namespace, tenantControlPlane.CaSecretName!));
        }
    }

    public static string ValueOf(ObjectRef secret) => secret.ToString();
}
