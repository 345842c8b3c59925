using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Triggers;

/// <summary>
/// What <see cref="GeneratorTriggers"/> reads besides the changed object, at the moment of the event. The
/// controller backs it with its informer caches; every member must be a cheap, non-blocking cache read, because
/// triggers run on the informers' loops.
/// </summary>
public interface ITriggerView
{
    /// <summary>Every KubeconfigGenerator currently cached, in any order.</summary>
    IEnumerable<Generator> Generators { get; }

    /// <summary>The labels of a Namespace, or null when the namespace is not (or no longer) in the cache.</summary>
    SortedMap? NamespaceLabels(string @namespace);

    bool HasTenantControlPlanes(string @namespace);

    /// <summary>
    /// TenantControlPlanes whose <c>status.kubeconfig.admin.secretName</c> or <c>status.certificates.ca.secretName</c>
    /// names <paramref name="secret"/> (same namespace). Back it with <see cref="Cluster.SecretReferenceIndex"/>.
    /// </summary>
    IEnumerable<TenantControlPlane> TenantControlPlanesUsingSecret(ObjectRef secret);
}
