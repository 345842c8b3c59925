namespace KamajiKubeconfig.Controller.Applier;

/// <summary>What an API failure means for the worker: retry soon, back off, give up on this write, or stop looking.</summary>
public enum ApiFailureKind
{
    /// <summary>409: a concurrent writer or a field-ownership conflict; re-read (the cache catches up) and retry.</summary>
    Conflict,

    /// <summary>409 AlreadyExists on create: someone else's object holds the name.</summary>
    AlreadyExists,

    /// <summary>404: the object is gone.</summary>
    NotFound,

    /// <summary>400/422: the request is invalid; retrying the same request cannot help.</summary>
    Invalid,

    /// <summary>403: RBAC forbids it; retried with backoff, since an operator may fix the role.</summary>
    Forbidden,

    /// <summary>429: slow down, honouring Retry-After.</summary>
    Throttled,

    /// <summary>5xx.</summary>
    ServerError,

    /// <summary>No answer: connection refused or reset, timeout.</summary>
    Transport,
}
