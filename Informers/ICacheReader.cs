namespace KamajiKubeconfig.Informers;

/// <summary>
/// Read access to an informer's cache. Returned objects are shared with every other reader: never mutate them
/// (client-go <c>tools/cache/mutation_detector.go</c>). Each call reads the latest snapshot; take
/// <see cref="InformerCache{T}.Snapshot"/> once when several reads must agree with each other.
/// No method guarantees an order.
/// </summary>
public interface ICacheReader<T>
    where T : class
{
    int Count { get; }

    T? Get(ObjectKey key);

    IEnumerable<T> List();

    /// <exception cref="InvalidOperationException">The cache was made without a namespace index.</exception>
    IReadOnlyList<T> ListByNamespace(string @namespace);

    /// <summary>Objects whose indexer named <paramref name="indexName"/> produced <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentException">No index of that name was registered.</exception>
    IReadOnlyList<T> ByIndex(string indexName, string value);
}
