namespace KamajiKubeconfig.Informers;

/// <summary>
/// How the cache and the informer read the two fields they need from a stored object. The stored type is the
/// Controller's own trimmed record, which knows nothing of this folder, so the knowledge is passed in rather
/// than demanded through an interface on the record.
/// </summary>
public sealed record ObjectAccessor<T>(Func<T, ObjectKey> KeyOf, Func<T, string> ResourceVersionOf);
