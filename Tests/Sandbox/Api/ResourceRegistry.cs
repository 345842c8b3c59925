using System.Collections.Immutable;

namespace KamajiKubeconfig.Sandbox.Api;

/// <summary>The resource types served right now: built-ins plus those of established CRDs. Read lock-free, swapped whole.</summary>
public sealed class ResourceRegistry
{
    private ImmutableDictionary<string, ImmutableArray<ResourceType>> _crdTypes = ImmutableDictionary<string, ImmutableArray<ResourceType>>.Empty;
    private ImmutableArray<ResourceType> _all = [.. BuiltInTypes.All, .. RbacTypes.All];

    public IReadOnlyList<ResourceType> All => _all;

    public ResourceType? Find(string group, string version, string plural) =>
        _all.FirstOrDefault(t => t.Group == group && t.Version == version && t.Plural == plural);

    /// <summary>The versions served for a group, preferred (first listed) first.</summary>
    public IEnumerable<string> VersionsOf(string group) => _all.Where(t => t.Group == group).Select(t => t.Version).Distinct();

    public IEnumerable<string> Groups => _all.Select(t => t.Group).Where(g => g.Length > 0).Distinct();

    /// <summary>Any type stored under a key (to find e.g. the CR type of a storage key for GC).</summary>
    public ResourceType? ByStorageKey(string storageKey) => _all.FirstOrDefault(t => t.StorageKey == storageKey);

    /// <summary>Finds a type by apiVersion and kind (owner references, apply bodies).</summary>
    public ResourceType? ByKind(string apiVersion, string kind)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var (group, version) = slash < 0 ? ("", apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
        return _all.FirstOrDefault(t => t.Group == group && t.Version == version && t.Kind == kind);
    }

    public void SetCrdTypes(string crdName, IReadOnlyList<ResourceType> types)
    {
        lock (this)
        {
            _crdTypes = types.Count == 0 ? _crdTypes.Remove(crdName) : _crdTypes.SetItem(crdName, [.. types]);
            _all = [.. BuiltInTypes.All, .. RbacTypes.All, .. _crdTypes.OrderBy(p => p.Key, StringComparer.Ordinal).SelectMany(p => p.Value)];
        }
    }
}
