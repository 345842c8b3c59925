using KamajiKubeconfig.Controller.Triggers;
using KamajiKubeconfig.Informers;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Cluster;

/// <summary>The triggers' lookups, answered from the informer caches (in-memory reads only).</summary>
public sealed class CacheTriggerView(ClusterCaches caches) : ITriggerView
{
    public IEnumerable<Generator> Generators => caches.Generators.List();

    public SortedMap? NamespaceLabels(string @namespace) => caches.Namespaces.Get(ObjectKey.Cluster(@namespace))?.Labels;

    public bool HasTenantControlPlanes(string @namespace) => caches.TenantControlPlanes.ListByNamespace(@namespace).Count > 0;

    public IEnumerable<TenantControlPlane> TenantControlPlanesUsingSecret(ObjectRef secret) =>
        caches.TenantControlPlanes.ByIndex(SecretReferenceIndex.Name, SecretReferenceIndex.ValueOf(secret));
}
