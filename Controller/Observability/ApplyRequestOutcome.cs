namespace KamajiKubeconfig.Controller.Observability;

/// <summary>
/// The outcome of one write request to the API server (apply, status apply, delete), as the applier
/// classifies it. A closed set, so it can be the <c>outcome</c> label.
/// </summary>
public enum ApplyRequestOutcome
{
    /// <summary>2xx.</summary>
    Applied,

    /// <summary>409: another writer or a stale resourceVersion.</summary>
    Conflict,

    /// <summary>400 or 422: the server rejected what we sent.</summary>
    Invalid,

    /// <summary>404: the object (or its namespace) is gone.</summary>
    NotFound,

    /// <summary>429: API priority and fairness pushed back.</summary>
    Throttled,

    /// <summary>Any other status (5xx and the unexpected rest).</summary>
    ServerError,

    /// <summary>No response: connection refused or reset, timeout.</summary>
    TransportError,
}
