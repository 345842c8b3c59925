namespace KamajiKubeconfig.Reconcile;

/// <summary>
/// Read-only view of the cluster state reconcile needs. Implementations must be immutable snapshots: reconcile reads
/// them many times per pass and must see one consistent state.
/// </summary>
public interface IClusterView
{
    IEnumerable<NamespaceInfo> Namespaces { get; }

    IEnumerable<TenantControlPlane> TenantControlPlanesIn(string @namespace);

    SecretInfo? GetSecret(ObjectRef secret);

    /// <summary>One TCP by reference; views over indexed caches answer without scanning.</summary>
    TenantControlPlane? GetTenantControlPlane(ObjectRef tenant) =>
        TenantControlPlanesIn(tenant.Namespace).FirstOrDefault(t => t.Name == tenant.Name);

    /// <summary>One namespace by name; views over indexed caches answer without scanning.</summary>
    NamespaceInfo? GetNamespace(string name) => Namespaces.FirstOrDefault(n => n.Name == name);

    /// <summary>Every Secret labelled <c>kamaji.clastix.io/managed-by=generator</c>.</summary>
    IEnumerable<SecretInfo> SecretsManagedBy(string generator);
}
