using KamajiKubeconfig.Informers;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Cluster;

/// <summary>
/// <see cref="IClusterView"/> over immutable cache snapshots taken once per pass, so reconcile sees one state.
/// Secrets fetched directly (referenced but unlabelled, so not cached) are layered on top, and so are generated
/// Secrets this process wrote that the cache had not delivered yet (<see cref="RecentWritesSnapshot"/>, taken before
/// the cache snapshots).
/// </summary>
public sealed class CacheClusterView(
    ICacheReader<NamespaceInfo> namespaces,
    ICacheReader<TenantControlPlane> tenantControlPlanes,
    ICacheReader<SecretInfo> managedSecrets,
    ICacheReader<SecretInfo> kamajiSecrets,
    IReadOnlyDictionary<ObjectRef, SecretInfo> fetched,
    RecentWritesSnapshot? recentWrites = null) : IClusterView
{
    public IEnumerable<NamespaceInfo> Namespaces => namespaces.List();

    public IEnumerable<TenantControlPlane> TenantControlPlanesIn(string @namespace) => tenantControlPlanes.ListByNamespace(@namespace);

    public SecretInfo? GetSecret(ObjectRef secret)
    {
        var key = new ObjectKey(secret.Namespace, secret.Name);
        var managed = managedSecrets.Get(key);
        var ours = recentWrites is null ? managed : recentWrites.Resolve(secret, managed);
        return ours ?? kamajiSecrets.Get(key) ?? fetched.GetValueOrDefault(secret);
    }

    public IEnumerable<SecretInfo> SecretsManagedBy(string generator) => managedSecrets.ByIndex(ClusterCaches.ManagedByIndex, generator);

    /// <summary>
    /// Each selected TCP (all, or those in <paramref name="only"/>) with each valid admin/CA Secret name its status
    /// gives that the cache does not hold: what a pass reads directly.
    /// </summary>
    public IEnumerable<(ObjectRef Tenant, ObjectRef Secret)> MissingReferences(GeneratorSpec spec, IEnumerable<ObjectRef>? only = null)
    {
        var selected = only is null
            ? TargetSelector.Select(spec, this, out _) ?? []
            : TargetSelector.Problem(spec) is not null ? []
            : [.. only.Select(GetTenantControlPlane).Where(t => t is not null && TargetSelector.Selects(spec, GetNamespace(t.Namespace), t))!];
        return selected
            // Only valid Secret names, and only in the TCP's own namespace: a name like "../../other/secrets/x" is a
            // status error for that TCP, never a request (docs/behaviour.md A2).
            .SelectMany(t => new[] { t.AdminSecretName, t.CaSecretName }.Where(ObjectNames.IsValid).Select(n => (t.Ref, new ObjectRef(t.Namespace, n!))))
            .Where(m => GetSecret(m.Item2) is null);
    }

    public TenantControlPlane? GetTenantControlPlane(ObjectRef tenant) => tenantControlPlanes.Get(new ObjectKey(tenant.Namespace, tenant.Name));

    public NamespaceInfo? GetNamespace(string name) => namespaces.Get(ObjectKey.Cluster(name));
}
