namespace KamajiKubeconfig.Reconcile;

/// <summary>A Namespace as selection needs it: its name and labels.</summary>
public sealed record NamespaceInfo(string Name, SortedMap Labels)
{
    /// <summary>For the informer cache; reconcile does not read it.</summary>
    public string ResourceVersion { get; init; } = "";
}
