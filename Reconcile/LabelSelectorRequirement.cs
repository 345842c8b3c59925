namespace KamajiKubeconfig.Reconcile;

/// <summary>One <c>matchExpressions</c> term. The operator is kept as written so a typo can be reported, not lost.</summary>
public sealed record LabelSelectorRequirement(string Key, string Operator, EquatableList<string> Values)
{
    public string? Validate()
    {
        var keyProblem = LabelSyntax.ValidateKey(Key);
        if (keyProblem is not null)
        {
            return keyProblem;
        }
        switch (Operator)
        {
            case "In" or "NotIn":
                if (Values.Count == 0)
                {
                    return "for 'in', 'notin' operators, values set can't be empty";
                }
                break;
            case "Exists" or "DoesNotExist":
                if (Values.Count != 0)
                {
                    return "values set must be empty for exists and does not exist";
                }
                break;
            default:
                return $"\"{Operator}\" is not a valid label selector operator";
        }
        return Values.Select(LabelSyntax.ValidateValue).FirstOrDefault(p => p is not null);
    }

    public bool Matches(SortedMap labels) => Operator switch
    {
        "In" => labels.TryGetValue(Key, out var v) && Values.Contains(v),
        "NotIn" => !labels.TryGetValue(Key, out var v) || !Values.Contains(v),
        "Exists" => labels.ContainsKey(Key),
        "DoesNotExist" => !labels.ContainsKey(Key),
        _ => false,
    };
}
