namespace KamajiKubeconfig.Informers;

/// <summary>
/// How the cache and the informer read the two fields they need from a stored object. The stored type is the
/// Controller's own trimmed record, which knows nothing of this folder, so the knowledge is passed in rather
/// than demanded through an interface on the record.
/// </summary>
public sealed class ObjectAccessor<T>(Func<T, ObjectKey> keyOf, Func<T, string> resourceVersionOf)
{
    public Func<T, ObjectKey> KeyOf { get; } = keyOf ?? throw new ArgumentNullException(nameof(keyOf));

    public Func<T, string> ResourceVersionOf { get; } = resourceVersionOf ?? throw new ArgumentNullException(nameof(resourceVersionOf));
}
