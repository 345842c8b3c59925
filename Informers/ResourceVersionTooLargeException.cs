namespace KamajiKubeconfig.Informers;

/// <summary>
/// The server has not reached the requested resourceVersion yet (504 with cause ResourceVersionTooLarge, on a list
/// or a watch): it lags behind another API server we talked to, or its storage was restored to an older state.
/// </summary>
public sealed class ResourceVersionTooLargeException : Exception
{
    public ResourceVersionTooLargeException()
        : base("The resourceVersion is newer than the server's; a relist is needed.")
    {
    }

    public ResourceVersionTooLargeException(string message)
        : base(message)
    {
    }

    public ResourceVersionTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
