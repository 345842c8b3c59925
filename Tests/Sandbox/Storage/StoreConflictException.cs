namespace KamajiKubeconfig.Sandbox.Storage;

/// <summary>A store precondition failed: the object exists, is missing, or changed since it was read.</summary>
public sealed class StoreConflictException : Exception
{
    public StoreConflictException()
    {
    }

    public StoreConflictException(string message)
        : base(message)
    {
    }

    public StoreConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
