namespace KamajiKubeconfig.Sandbox.Faults;

/// <summary>
/// Fail (or hang) the next <see cref="Remaining"/> requests matching verb, resource, subresource and user (null matches
/// any), optionally only until <see cref="Until"/>.
/// </summary>
public sealed class FaultRule
{
    public required int StatusCode { get; init; }
    public string? Verb { get; init; }
    public string? Resource { get; init; }

    /// <summary>Null: any; "": the main resource only; e.g. "status".</summary>
    public string? Subresource { get; init; }

    /// <summary>Only requests by this user name (e.g. a controller's service account); null: anyone.</summary>
    public string? User { get; init; }

    public int RetryAfterSeconds { get; init; } = 1;
    public int Remaining { get; set; } = 1;
    public FaultMode Mode { get; init; } = FaultMode.Fail;

    /// <summary>How long a hung request is held at most (it ends earlier when the client goes away).</summary>
    public TimeSpan HangFor { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>The rule stops matching at this time; null: only the count limits it.</summary>
    public DateTimeOffset? Until { get; init; }

    public bool Matches(string verb, string resource) => Matches(verb, resource, null, null, DateTimeOffset.MinValue);

    public bool Matches(string verb, string resource, string? subresource, string? user, DateTimeOffset now) =>
        Remaining > 0
        && (Until is null || now < Until)
        && (Verb is null || Verb == verb)
        && (Resource is null || Resource == resource)
        && (Subresource is null || Subresource == (subresource ?? ""))
        && (User is null || User == user);
}
