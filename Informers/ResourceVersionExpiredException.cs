namespace KamajiKubeconfig.Informers;

/// <summary>
/// The server no longer has the requested resourceVersion (410 Expired or Gone, on a list, a continue token or a
/// watch). The only cure is a fresh list; re-watching from the same version would fail forever.
/// </summary>
public sealed class ResourceVersionExpiredException : Exception
{
    public ResourceVersionExpiredException()
        : base("The resourceVersion is too old; a relist is needed.")
    {
    }

    public ResourceVersionExpiredException(string message)
        : base(message)
    {
    }

    public ResourceVersionExpiredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
