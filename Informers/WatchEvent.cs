namespace KamajiKubeconfig.Informers;

/// <summary>
/// One event from a watch. <see cref="ResourceVersion"/> is extracted by the source for every kind, bookmarks
/// included, so the informer tracks progress without knowing the raw type. <see cref="Item"/> is
/// <c>default</c> for bookmarks.
/// </summary>
public readonly record struct WatchEvent<TRaw>(WatchEventKind Kind, TRaw? Item, string ResourceVersion);
