namespace KamajiKubeconfig.Informers;

/// <summary>
/// One cache write as handlers see it: <see cref="Old"/> is null for an add, <see cref="New"/> is null for a
/// delete, both are set for an update.
/// </summary>
public readonly record struct CacheChange<T>(T? Old, T? New)
    where T : class;
