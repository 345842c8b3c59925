using System.Text.RegularExpressions;

namespace KamajiKubeconfig.Reconcile;

/// <summary>A Kubernetes LabelSelector. Absent or empty selects everything (docs/behaviour.md A1).</summary>
public sealed record LabelSelector(SortedMap MatchLabels, EquatableList<LabelSelectorRequirement> MatchExpressions)
{
    public static readonly LabelSelector Everything = new(SortedMap.Empty, EquatableList<LabelSelectorRequirement>.Empty);

    /// <summary>
    /// Validates the selector the way apimachinery's <c>LabelSelectorAsSelector</c> does and returns the first
    /// problem in its words, or null when the selector is usable.
    /// </summary>
    public string? Validate() =>
        MatchLabels.Select(p => LabelSyntax.ValidateKey(p.Key) ?? LabelSyntax.ValidateValue(p.Value))
            .Concat(MatchExpressions.Select(r => r.Validate()))
            .FirstOrDefault(problem => problem is not null);

    /// <summary>Whether <paramref name="labels"/> satisfy every term. Call only on a selector that validated.</summary>
    public bool Matches(SortedMap labels) => labels.Contains(MatchLabels) && MatchExpressions.All(r => r.Matches(labels));
}

/// <summary>One <c>matchExpressions</c> term. The operator is kept as written so a typo can be reported, not lost.</summary>
public sealed record LabelSelectorRequirement(string Key, string Operator, EquatableList<string> Values)
{
    public string? Validate() =>
        LabelSyntax.ValidateKey(Key) ?? Operator switch
        {
            "In" or "NotIn" when Values.Count == 0 => "for 'in', 'notin' operators, values set can't be empty",
            "Exists" or "DoesNotExist" when Values.Count != 0 => "values set must be empty for exists and does not exist",
            "In" or "NotIn" or "Exists" or "DoesNotExist" => Values.Select(LabelSyntax.ValidateValue).FirstOrDefault(p => p is not null),
            _ => $"\"{Operator}\" is not a valid label selector operator",
        };

    public bool Matches(SortedMap labels) => Operator switch
    {
        "In" => labels.TryGetValue(Key, out var v) && Values.Contains(v),
        "NotIn" => !labels.TryGetValue(Key, out var v) || !Values.Contains(v),
        "Exists" => labels.ContainsKey(Key),
        "DoesNotExist" => !labels.ContainsKey(Key),
        _ => false,
    };
}

/// <summary>Label key and value syntax (apimachinery validation), with messages that name the offending text.</summary>
internal static partial class LabelSyntax
{
    [GeneratedRegex("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\\z")]
    private static partial Regex QualifiedNamePart();

    public static string? ValidateKey(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0 && !ObjectNames.IsValid(key[..slash]))
        {
            return $"key: Invalid value: \"{key}\": prefix part must be a lowercase RFC 1123 subdomain";
        }
        var name = key[(slash + 1)..];
        return name.Length == 0 || name.Length > 63 || !QualifiedNamePart().IsMatch(name)
            ? $"key: Invalid value: \"{key}\": name part must consist of alphanumeric characters, '-', '_' or '.', "
                + "and must start and end with an alphanumeric character, at most 63 characters"
            : null;
    }

    public static string? ValidateValue(string value) =>
        value.Length == 0 || (value.Length <= 63 && QualifiedNamePart().IsMatch(value))
            ? null
            : $"values[0]: Invalid value: \"{value}\": a valid label must be an empty string or consist of alphanumeric "
                + "characters, '-', '_' or '.', and must start and end with an alphanumeric character, at most 63 characters";
}
