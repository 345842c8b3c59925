namespace KamajiKubeconfig.Sandbox.Faults;

/// <summary>Fail the next <see cref="Remaining"/> requests matching verb and resource (null matches any) with a status code.</summary>
public sealed class FaultRule
{
    public required int StatusCode { get; init; }
    public string? Verb { get; init; }
    public string? Resource { get; init; }
    public int RetryAfterSeconds { get; init; } = 1;
    public int Remaining { get; set; } = 1;

    public bool Matches(string verb, string resource) =>
        Remaining > 0 && (Verb is null || Verb == verb) && (Resource is null || Resource == resource);
}
