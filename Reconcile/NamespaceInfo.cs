namespace KamajiKubeconfig.Reconcile;

/// <summary>A Namespace as selection needs it: its name and labels (the resourceVersion is for the informer cache).</summary>
public sealed record NamespaceInfo(string Name, SortedMap Labels, string ResourceVersion = "");
