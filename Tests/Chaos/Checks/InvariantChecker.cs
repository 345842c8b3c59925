using System.Text.Json.Nodes;

namespace KamajiKubeconfig.Chaos.Checks;

/// <summary>
/// The cluster-side invariants after a scenario (issue 10's list): every selected TCP whose inputs are usable has exactly
/// one valid kubeconfig Secret per generator; no Secret for an unselected TCP or a missing generator; foreign Secrets
/// unchanged; status true (counts, errors both ways, Ready, observedGeneration). A scope limits the
/// check to some generators and namespaces (a bad-input case) so one case's state is not blamed on another.
/// </summary>
public sealed class InvariantChecker(Expectations expectations)
{
    public sealed record Scope(IReadOnlySet<string> Generators, IReadOnlySet<string> Namespaces);

    public async Task<List<Violation>> CheckAsync(ClusterState state, DateTimeOffset now, Scope? scope = null)
    {
        var violations = new List<Violation>();
        var targeted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var generator in state.Generators.Where(g => scope is null || scope.Generators.Contains(ClusterState.Name(g))))
        {
            await CheckGeneratorAsync(state, generator, now, targeted, violations);
        }
        foreach (var (key, secret) in state.Secrets)
        {
            var labels = SelectorOracle.Labels(secret);
            if (!labels.TryGetValue("kamaji.clastix.io/managed-by", out var owner) || expectations.IsNotOurs(key) || targeted.Contains(key)
                || (scope is not null && !scope.Generators.Contains(owner) && !scope.Namespaces.Contains(ClusterState.Namespace(secret))))
            {
                continue;
            }
            violations.Add(new Violation(key, $"orphaned: labelled managed-by={owner} but not the Secret of a selected TCP of an existing generator"));
        }
        foreach (var (key, (version, data)) in expectations.ForeignSecrets)
        {
            var ns = key[..key.IndexOf('/', StringComparison.Ordinal)];
            if (scope is not null && !scope.Namespaces.Contains(ns))
            {
                continue;
            }
            var now2 = state.Secrets.GetValueOrDefault(key);
            if (now2 is null)
            {
                violations.Add(new Violation(key, "a foreign Secret was deleted"));
            }
            else if (now2["metadata"]!["resourceVersion"]!.GetValue<string>() != version || (now2["data"]?.ToJsonString() ?? "") != data)
            {
                violations.Add(new Violation(key, "a foreign Secret was modified (resourceVersion or data changed)"));
            }
        }
        return violations;
    }

    private async Task CheckGeneratorAsync(ClusterState state, JsonObject generator, DateTimeOffset now, HashSet<string> targeted, List<Violation> violations)
    {
        var name = ClusterState.Name(generator);
        var where = $"generator {name}";
        if (ClusterState.IsDeleting(generator))
        {
            violations.Add(new Violation(where, "still being deleted (finalizer not released)"));
            return;
        }
        var spec = generator["spec"] as JsonObject ?? [];
        var status = generator["status"] as JsonObject;
        var errors = (status?["errors"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(e => (Resource: e["resource"]?.ToString() ?? "", Message: e["message"]?.ToString() ?? "")).ToList();
        var generation = generator["metadata"]?["generation"]?.GetValue<long>();
        if (status?["observedGeneration"]?.GetValue<long>() != generation)
        {
            violations.Add(new Violation(where, $"status.observedGeneration {status?["observedGeneration"]} != generation {generation}"));
        }
        var selectorProblem = SelectorOracle.Problem(spec["namespaceSelector"]) ?? SelectorOracle.Problem(spec["tenantControlPlaneSelector"]);
        var specProblem = selectorProblem ?? expectations.SpecProblemOf(name);
        var specReported = errors.Any(e => e.Resource.StartsWith("spec.", StringComparison.Ordinal));
        if (selectorProblem is not null || (specProblem is not null && specReported))
        {
            if (!specReported)
            {
                violations.Add(new Violation(where, $"invalid selector ({specProblem}) not reported as a spec.* status error"));
            }
            // Without a usable spec the targets are unknown: its Secrets stay (nothing may be pruned).
            targeted.UnionWith(state.Secrets.Where(p => SelectorOracle.Labels(p.Value).GetValueOrDefault("kamaji.clastix.io/managed-by") == name).Select(p => p.Key));
            CheckReady(where, status, available: 0, resources: -1, hasErrors: true, violations);
            return;
        }
        var endpointKey = spec["controlPlaneEndpointFrom"]?.GetValue<string>() ?? "admin.svc";
        var algorithm = spec["certificate"]?["privateKey"]?["algorithm"]?.GetValue<string>() ?? ClientKeyAlgorithm.Default;
        var validity = GoDurations.TryParse(spec["certificate"]?["validity"]?.GetValue<string>()) ?? TimeSpan.FromHours(8760);
        var renewBefore = TimeSpan.FromTicks(Math.Min(TimeSpan.FromHours(24).Ticks, validity.Ticks / 3));
        var selected = state.Tenants.Where(t => !ClusterState.IsDeleting(t)
            && state.Namespaces.TryGetValue(ClusterState.Namespace(t), out var ns) && !ClusterState.IsDeleting(ns)
            && SelectorOracle.Matches(spec["namespaceSelector"], SelectorOracle.Labels(ns))
            && SelectorOracle.Matches(spec["tenantControlPlaneSelector"], SelectorOracle.Labels(t))).ToList();
        var available = 0;
        var unavailable = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tcp in selected)
        {
            var tenant = $"{ClusterState.Namespace(tcp)}/{ClusterState.Name(tcp)}";
            var secretKey = $"{tenant}-{name}";
            targeted.Add(secretKey);
            var inputs = TenantInputs.Judge(tcp, endpointKey, state.Secret, now);
            var identity = expectations.IdentityFor(name, tenant) ?? DefaultIdentity(spec, tcp);
            var outcome = specProblem is not null ? PairOutcome.Error
                : expectations.OutcomeFor(name, tenant) ?? (inputs.Usable && identity is not null ? PairOutcome.Valid : PairOutcome.Error);
            var secret = state.Secrets.GetValueOrDefault(secretKey);
            string? problem = secret is null ? "no Secret"
                : !inputs.Usable ? $"inputs unusable: {inputs.Problem}"
                : identity is null ? "no expected identity"
                : await KubeconfigOracle.ProblemAsync(secret, new KubeconfigOracle.Expected(name, tcp, inputs, identity, algorithm, renewBefore), now);
            if (problem is null)
            {
                available++;
            }
            else
            {
                unavailable.Add(tenant);
            }
            var listed = errors.Any(e => e.Resource == tenant);
            switch (outcome)
            {
                case PairOutcome.Valid when problem is not null:
                    violations.Add(new Violation(secretKey, $"no valid kubeconfig: {problem}"));
                    break;
                case PairOutcome.Error when secret is not null && !expectations.ForeignSecrets.ContainsKey(secretKey) && !expectations.IsNotOurs(secretKey):
                    violations.Add(new Violation(secretKey, $"a Secret was written for a tenant that must be refused ({inputs.Problem ?? (identity is null ? "identity unresolvable" : "hostile identity or spec")})"));
                    break;
                case PairOutcome.Either when problem is not null && secret is not null:
                    violations.Add(new Violation(secretKey, $"written but not valid: {problem}"));
                    break;
            }
            if (problem is not null && !listed)
            {
                violations.Add(new Violation(where, $"{tenant} has no valid kubeconfig ({problem}) but is missing from status.errors"));
            }
            if (problem is null && listed)
            {
                violations.Add(new Violation(where, $"{tenant} is available but listed in status.errors: {errors.First(e => e.Resource == tenant).Message}"));
            }
        }
        foreach (var stale in errors.Where(e => !e.Resource.StartsWith("spec.", StringComparison.Ordinal) && !unavailable.Contains(e.Resource)
            && !expectations.IsTolerated(name, e.Resource)
            && !selected.Any(t => $"{ClusterState.Namespace(t)}/{ClusterState.Name(t)}" == e.Resource)))
        {
            violations.Add(new Violation(where, $"stale status error for {stale.Resource} (not a selected TCP): {stale.Message}"));
        }
        foreach (var spurious in errors.Where(e => e.Resource.StartsWith("spec.", StringComparison.Ordinal)))
        {
            violations.Add(new Violation(where, $"spec error reported for a valid spec: {spurious.Resource}: {spurious.Message}"));
        }
        if (status?["resources"]?.GetValue<long>() != selected.Count || status?["availableResources"]?.GetValue<long>() != available)
        {
            violations.Add(new Violation(where, $"status counts resources={status?["resources"]} available={status?["availableResources"]}, expected {selected.Count}/{available}"));
        }
        CheckReady(where, status, available, selected.Count, errors.Any(e => !expectations.IsTolerated(name, e.Resource)), violations);
    }

    private static void CheckReady(string where, JsonObject? status, int available, int resources, bool hasErrors, List<Violation> violations)
    {
        var ready = (status?["conditions"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(c => c["type"]?.ToString() == "Ready");
        var expected = !hasErrors && available == resources ? "True" : "False";
        if (ready?["status"]?.ToString() != expected || string.IsNullOrEmpty(ready?["reason"]?.ToString()))
        {
            violations.Add(new Violation(where, $"Ready condition {ready?["status"]?.ToString() ?? "absent"}, expected {expected}"));
        }
    }

    /// <summary>The identity the spec asks for, resolved by the harness; null when it cannot resolve.</summary>
    public static Identity? DefaultIdentity(JsonObject spec, JsonObject tcp)
    {
        var user = Resolve(spec["user"], tcp);
        var groups = (spec["groups"] as JsonArray ?? []).Select(g => Resolve(g, tcp)).ToList();
        return user is null || groups.Any(g => g is null) ? null : Identity.Of(user, groups!);
    }

    private static string? Resolve(JsonNode? compound, JsonObject tcp) =>
        compound?["stringValue"]?.GetValue<string>() is { Length: > 0 } s ? s
        : compound?["fromDefinition"]?.GetValue<string>() is { } path ? DefinitionPath.Resolve(tcp, path)
        : null;
}
