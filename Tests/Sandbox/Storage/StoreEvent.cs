namespace KamajiKubeconfig.Sandbox.Storage;

public enum StoreEventType
{
    Added,
    Modified,
    Deleted,
}

/// <summary>A change in the store. <see cref="Previous"/> lets lists be rebuilt at an older revision and watches see selector transitions.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "Kubernetes calls it the object.")]
public sealed record StoreEvent(StoreEventType Type, string StorageKey, StoredObject Object, StoredObject? Previous)
{
    public long ResourceVersion => Object.ResourceVersion;
}
