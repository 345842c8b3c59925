namespace KamajiKubeconfig.Reconcile;

/// <summary><c>status</c> of a KubeconfigGenerator: Kamaji's fields plus standard conditions.</summary>
public sealed record GeneratorStatus(
    long ObservedGeneration,
    int Resources,
    int AvailableResources,
    EquatableList<StatusError> Errors,
    EquatableList<Condition> Conditions);

/// <summary>One entry of <c>status.errors</c>: <c>resource</c> is <c>namespace/name</c> of the TCP.</summary>
public sealed record StatusError(string Resource, string Message)
{
    /// <summary>Errors are sorted by resource, then message, so status is byte-for-byte stable.</summary>
    public static readonly IComparer<StatusError> Order = Comparer<StatusError>.Create((a, b) =>
        string.CompareOrdinal(a.Resource, b.Resource) is var c and not 0 ? c : string.CompareOrdinal(a.Message, b.Message));
}

/// <summary>A <c>metav1.Condition</c>.</summary>
public sealed record Condition(
    string Type,
    string Status,
    long ObservedGeneration,
    DateTimeOffset LastTransitionTime,
    string Reason,
    string Message);
