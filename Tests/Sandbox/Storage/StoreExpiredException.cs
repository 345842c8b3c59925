namespace KamajiKubeconfig.Sandbox.Storage;

/// <summary>The requested revision is older than the kept history (410 Expired).</summary>
public sealed class StoreExpiredException : Exception
{
    public StoreExpiredException()
    {
    }

    public StoreExpiredException(string message)
        : base(message)
    {
    }

    public StoreExpiredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StoreExpiredException(long requested, long compacted)
        : base($"too old resource version: {requested} ({compacted})")
    {
        Requested = requested;
        Compacted = compacted;
    }

    public long Requested { get; }

    public long Compacted { get; }
}
