namespace KamajiKubeconfig.Reconcile;

/// <summary>A Kubernetes LabelSelector. Absent or empty selects everything (docs/behaviour.md A1).</summary>
public sealed record LabelSelector(SortedMap MatchLabels, EquatableList<LabelSelectorRequirement> MatchExpressions)
{
    public static readonly LabelSelector Everything = new(SortedMap.Empty, EquatableList<LabelSelectorRequirement>.Empty);

    /// <summary>
    /// Validates the selector the way apimachinery's <c>LabelSelectorAsSelector</c> does and returns the first
    /// problem in its words, or null when the selector is usable.
    /// </summary>
    public string? Validate()
    {
        foreach (var (key, value) in MatchLabels)
        {
            var problem = LabelSyntax.ValidateKey(key) ?? LabelSyntax.ValidateValue(value);
            if (problem is not null)
            {
                return problem;
            }
        }
        foreach (var requirement in MatchExpressions)
        {
            var problem = requirement.Validate();
            if (problem is not null)
            {
                return problem;
            }
        }
        return null;
    }

    /// <summary>Whether <paramref name="labels"/> satisfy every term. Call only on a selector that validated.</summary>
    public bool Matches(SortedMap labels) =>
        MatchLabels.All(p => labels.TryGetValue(p.Key, out var v) && v == p.Value)
        && MatchExpressions.All(r => r.Matches(labels));
}
