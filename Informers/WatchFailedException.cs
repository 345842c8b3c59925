namespace KamajiKubeconfig.Informers;

/// <summary>
/// The server reported an error inside a watch stream other than an expired or too large resourceVersion (for
/// example a 500), or a line could not be decoded. The informer backs off and watches
/// again from its last resourceVersion, so no event is silently skipped.
/// </summary>
public sealed class WatchFailedException : Exception
{
    public WatchFailedException()
        : base("The watch stream reported an error.")
    {
    }

    public WatchFailedException(string message)
        : base(message)
    {
    }

    public WatchFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP-style code of the server's Status, when there was one.</summary>
    public int? Code { get; init; }
}
