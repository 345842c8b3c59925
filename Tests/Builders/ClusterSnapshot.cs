using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Tests.Builders;

/// <summary>A plain in-memory <see cref="IClusterView"/>, for tests and for small callers.</summary>
public sealed class ClusterSnapshot(
    IEnumerable<NamespaceInfo> namespaces,
    IEnumerable<TenantControlPlane> tenantControlPlanes,
    IEnumerable<SecretInfo> secrets) : IClusterView
{
    private readonly NamespaceInfo[] _namespaces = [.. namespaces];
    private readonly ILookup<string, TenantControlPlane> _tcps = tenantControlPlanes.ToLookup(t => t.Namespace, StringComparer.Ordinal);
    private readonly Dictionary<ObjectRef, SecretInfo> _secrets = secrets.ToDictionary(s => s.Ref);

    public IEnumerable<NamespaceInfo> Namespaces => _namespaces;

    public IEnumerable<TenantControlPlane> TenantControlPlanesIn(string @namespace) => _tcps[@namespace];

    public SecretInfo? GetSecret(ObjectRef secret) => _secrets.GetValueOrDefault(secret);

    public IEnumerable<SecretInfo> SecretsManagedBy(string generator) =>
        _secrets.Values.Where(s => s.Labels.GetValueOrDefault(WellKnown.ManagedByLabel) == generator);
}
