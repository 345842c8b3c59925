namespace KamajiKubeconfig.Informers;

/// <summary>
/// Identifies an object in a cache: namespace and name. Cluster-scoped objects have an empty namespace, so one
/// key type serves both scopes and the cache never has to know which kind it holds.
/// </summary>
public readonly record struct ObjectKey
{
    public ObjectKey(string @namespace, string name)
    {
        ArgumentNullException.ThrowIfNull(@namespace);
        ArgumentException.ThrowIfNullOrEmpty(name);
        (Namespace, Name) = (@namespace, name);
    }

    /// <summary>Empty for cluster-scoped objects.</summary>
    public string Namespace { get; }

    public string Name { get; }

    public static ObjectKey Cluster(string name) => new(string.Empty, name);

    /// <summary>The client-go key format: <c>ns/name</c>, or just <c>name</c> when cluster-scoped.</summary>
    public override string ToString() => Namespace.Length == 0 ? Name : $"{Namespace}/{Name}";
}
