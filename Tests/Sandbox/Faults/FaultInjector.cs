using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Api;

namespace KamajiKubeconfig.Sandbox.Faults;

/// <summary>Request-level faults: failing the next N matching requests, and added latency.</summary>
public sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly List<FaultRule> _rules = [];

    /// <summary>Delay added before every API request is handled.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Fails the next <paramref name="count"/> requests with verb/resource (e.g. "update", "secrets"; null = any).</summary>
    public void FailNext(int count, int statusCode, string? verb = null, string? resource = null, int retryAfterSeconds = 1)
    {
        lock (_gate)
        {
            _rules.Add(new FaultRule { StatusCode = statusCode, Verb = verb, Resource = resource, Remaining = count, RetryAfterSeconds = retryAfterSeconds });
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
            Latency = TimeSpan.Zero;
        }
    }

    /// <summary>The injected error for this request, if a rule takes it.</summary>
    public ApiException? Take(string verb, string resource, string name)
    {
        lock (_gate)
        {
            var rule = _rules.FirstOrDefault(r => r.Matches(verb, resource));
            if (rule is null)
            {
                return null;
            }
            rule.Remaining--;
            _rules.RemoveAll(r => r.Remaining <= 0);
            return rule.StatusCode switch
            {
                409 => StatusFactory.Conflict("", resource, name),
                429 => StatusFactory.TooManyRequests(rule.RetryAfterSeconds),
                503 => StatusFactory.ServiceUnavailable("the server is currently unable to handle the request"),
                500 => StatusFactory.InternalError("injected fault"),
                _ => new ApiException(StatusFactory.Failure(rule.StatusCode, "InternalError", "injected fault", new JsonObject())),
            };
        }
    }
}
