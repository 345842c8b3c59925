using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace KamajiKubeconfig.Chaos.Checks;

/// <summary>What a pair (generator, TCP) must end as when the harness's own oracle is not enough.</summary>
public enum PairOutcome
{
    /// <summary>A valid kubeconfig Secret.</summary>
    Valid,

    /// <summary>No Secret written, and the TCP listed in status errors.</summary>
    Error,

    /// <summary>Either of the two (hostile values a controller may refuse or encode faithfully).</summary>
    Either,
}

/// <summary>
/// What the harness knows beyond the cluster's state: overrides of the oracle per pair, the expected identity where a
/// case computes it, Secrets that are someone else's (snapshotted; must never change), and Secrets that look like ours
/// but belong to another controller (must never be pruned).
/// </summary>
public sealed class Expectations
{
    private readonly ConcurrentDictionary<(string Generator, string Tenant), PairOutcome> _outcomes = new();
    private readonly ConcurrentDictionary<(string Generator, string Tenant), Identity> _identities = new();
    private readonly ConcurrentDictionary<string, (string ResourceVersion, string Data)> _foreign = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _notOurs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _specProblems = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<(string Generator, string Resource), byte> _toleratedErrors = new();

    /// <summary>A status error the controller may report for something that is not a selected TCP (e.g. a Secret it refuses to prune).</summary>
    public void TolerateError(string generator, string resource) => _toleratedErrors[(generator, resource)] = 0;

    public bool IsTolerated(string generator, string resource) => _toleratedErrors.ContainsKey((generator, resource));

    /// <summary>A spec the harness considers invalid beyond its selectors (e.g. an absurd validity): a spec.* error or per-tenant errors.</summary>
    public void SpecProblem(string generator, string problem) => _specProblems[generator] = problem;

    public string? SpecProblemOf(string generator) => _specProblems.GetValueOrDefault(generator);

    public void Outcome(string generator, string tenant, PairOutcome outcome) => _outcomes[(generator, tenant)] = outcome;

    public PairOutcome? OutcomeFor(string generator, string tenant) => _outcomes.TryGetValue((generator, tenant), out var o) ? o : null;

    public void Identity(string generator, string tenant, Identity identity) => _identities[(generator, tenant)] = identity;

    public Identity? IdentityFor(string generator, string tenant) => _identities.TryGetValue((generator, tenant), out var i) ? i : null;

    /// <summary>Remembers a Secret that is not the controller's: resourceVersion and data must stay as they are.</summary>
    public void Foreign(JsonObject secret) =>
        _foreign[Key(secret)] = (secret["metadata"]!["resourceVersion"]!.GetValue<string>(), secret["data"]?.ToJsonString() ?? "");

    public IReadOnlyDictionary<string, (string ResourceVersion, string Data)> ForeignSecrets => _foreign;

    /// <summary>A Secret labelled as ours that another controller owns: never pruned, never rewritten.</summary>
    public void NotOurs(string ns, string name) => _notOurs[$"{ns}/{name}"] = 0;

    public bool IsNotOurs(string key) => _notOurs.ContainsKey(key);

    /// <summary>Forgets everything about a namespace (a finished case).</summary>
    public void ForgetNamespace(string ns)
    {
        foreach (var key in _outcomes.Keys.Where(k => k.Tenant.StartsWith(ns + "/", StringComparison.Ordinal)))
        {
            _outcomes.TryRemove(key, out _);
        }
        foreach (var key in _identities.Keys.Where(k => k.Tenant.StartsWith(ns + "/", StringComparison.Ordinal)))
        {
            _identities.TryRemove(key, out _);
        }
        foreach (var key in _foreign.Keys.Where(k => k.StartsWith(ns + "/", StringComparison.Ordinal)))
        {
            _foreign.TryRemove(key, out _);
        }
        foreach (var key in _notOurs.Keys.Where(k => k.StartsWith(ns + "/", StringComparison.Ordinal)))
        {
            _notOurs.TryRemove(key, out _);
        }
    }

    public static string Key(JsonObject obj) => $"{obj["metadata"]?["namespace"]}/{obj["metadata"]?["name"]}";
}
