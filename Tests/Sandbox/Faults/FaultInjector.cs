using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Api;
using KamajiKubeconfig.Sandbox.Http;

namespace KamajiKubeconfig.Sandbox.Faults;

/// <summary>
/// Request-level faults: failing or hanging the next N matching requests (optionally for one user, for a while), added
/// latency, and "every resourceVersion is too old" windows. Every routed request is recorded in <see cref="Requests"/>.
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly List<FaultRule> _rules = [];
    private readonly Dictionary<string, TimeSpan> _userLatency = new(StringComparer.Ordinal);
    private (DateTimeOffset Until, string? User)? _expire;

    /// <summary>Delay added before every API request is handled.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>The audit log: every resource request, with the fault it was given.</summary>
    public RequestLog Requests { get; } = new();

    /// <summary>Every client certificate and private key stored in Secrets, once attached to the store.</summary>
    public SecretLedger Ledger { get; } = new();

    /// <summary>Fails the next <paramref name="count"/> requests with verb/resource (e.g. "update", "secrets"; null = any).</summary>
    public void FailNext(int count, int statusCode, string? verb = null, string? resource = null, int retryAfterSeconds = 1) =>
        Add(new FaultRule { StatusCode = statusCode, Verb = verb, Resource = resource, Remaining = count, RetryAfterSeconds = retryAfterSeconds });

    public void Add(FaultRule rule)
    {
        lock (_gate)
        {
            _rules.Add(rule);
        }
    }

    /// <summary>Delays every resource request of <paramref name="user"/> (zero removes the delay).</summary>
    public void SetUserLatency(string user, TimeSpan delay)
    {
        lock (_gate)
        {
            if (delay <= TimeSpan.Zero)
            {
                _userLatency.Remove(user);
            }
            else
            {
                _userLatency[user] = delay;
            }
        }
    }

    /// <summary>Until <paramref name="until"/>, lists and watches from any resourceVersion but "" and "0" get 410 Expired.</summary>
    public void ExpireResourceVersions(DateTimeOffset until, string? user)
    {
        lock (_gate)
        {
            _expire = (until, user);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
            _userLatency.Clear();
            _expire = null;
            Latency = TimeSpan.Zero;
        }
    }

    /// <summary>The injected error for this request, if a rule takes it.</summary>
    public ApiException? Take(string verb, string resource, string name) => Take(verb, resource, null, null, name, DateTimeOffset.UtcNow)?.Error;

    /// <summary>Records the request, applies latency, and answers the injected error if any (after holding a hung request).</summary>
    public async Task<ApiException?> TakeAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var user = request.User.Name;
        var record = Requests.Add(now, user, request.Verb, request.Type.Plural, request.Subresource ?? "", request.Namespace ?? "", request.Name ?? "");
        TimeSpan latency;
        lock (_gate)
        {
            latency = _userLatency.GetValueOrDefault(user);
        }
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, cancellationToken);
        }
        var taken = Expired(request, now) ?? Take(request.Verb, request.Type.Plural, request.Subresource, user, request.Name ?? "", now);
        if (taken is not { } fault)
        {
            return null;
        }
        Requests.MarkInjected(record, fault.Error.Code);
        if (fault.HangFor is { } hang)
        {
            // Held until the client gives up (its timeout cancels the request) or the rule's limit passes.
            await Task.Delay(hang, cancellationToken);
        }
        return fault.Error;
    }

    private (ApiException Error, TimeSpan? HangFor)? Expired(ApiRequest request, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_expire is not { } expire || now >= expire.Until || (expire.User is not null && expire.User != request.User.Name)
                || request.Verb is not ("list" or "watch"))
            {
                return null;
            }
        }
        var version = request.Query("resourceVersion");
        return version is "" or "0" && request.Verb == "list" ? null
            : (StatusFactory.Gone($"too old resource version: {(version.Length > 0 ? version : "0")}"), null);
    }

    private (ApiException Error, TimeSpan? HangFor)? Take(string verb, string resource, string? subresource, string? user, string name, DateTimeOffset now)
    {
        lock (_gate)
        {
            var rule = _rules.FirstOrDefault(r => r.Matches(verb, resource, subresource, user, now));
            _rules.RemoveAll(r => r.Until is { } until && now >= until);
            if (rule is null)
            {
                return null;
            }
            rule.Remaining--;
            _rules.RemoveAll(r => r.Remaining <= 0);
            var error = rule.StatusCode switch
            {
                409 => StatusFactory.Conflict("", resource, name),
                410 => StatusFactory.Gone("too old resource version"),
                429 => StatusFactory.TooManyRequests(rule.RetryAfterSeconds),
                503 => StatusFactory.ServiceUnavailable("the server is currently unable to handle the request"),
                500 => StatusFactory.InternalError("injected fault"),
                504 => new ApiException(StatusFactory.Failure(504, "Timeout", "the server was unable to return a response in the time allotted", new JsonObject())),
                _ => new ApiException(StatusFactory.Failure(rule.StatusCode, "InternalError", "injected fault", new JsonObject())),
            };
            return (error, rule.Mode == FaultMode.Hang ? rule.HangFor : null);
        }
    }
}
