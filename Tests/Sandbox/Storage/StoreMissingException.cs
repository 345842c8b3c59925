namespace KamajiKubeconfig.Sandbox.Storage;

/// <summary>The object to update or delete is not in the store.</summary>
public sealed class StoreMissingException : Exception
{
    public StoreMissingException()
    {
    }

    public StoreMissingException(string message)
        : base(message)
    {
    }

    public StoreMissingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
