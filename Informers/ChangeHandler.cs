namespace KamajiKubeconfig.Informers;

/// <summary>
/// Called after each cache write, on the informer's loop. Handlers must be quick and must not throw (map to keys
/// and enqueue, nothing more); the cache already holds <paramref name="newObject"/> when this runs.
/// </summary>
/// <param name="oldObject">The previous state, null for an add.</param>
/// <param name="newObject">The new state, null for a delete.</param>
public delegate void ChangeHandler<in T>(T? oldObject, T? newObject)
    where T : class;
