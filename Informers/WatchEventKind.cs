namespace KamajiKubeconfig.Informers;

/// <summary>
/// What a watch event means to the informer. There is no Error member: an expired resourceVersion surfaces as
/// <see cref="ResourceVersionExpiredException"/> and other server errors as <see cref="WatchFailedException"/>, so
/// the loop can decide on exceptions alone.
/// </summary>
public enum WatchEventKind
{
    Added,
    Modified,
    Deleted,

    /// <summary>Carries only a resourceVersion; the object is absent and must never reach the cache.</summary>
    Bookmark,
}
