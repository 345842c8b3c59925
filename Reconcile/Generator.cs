namespace KamajiKubeconfig.Reconcile;

/// <summary>The projection of a KubeconfigGenerator that reconcile reads (the resourceVersion only guards finalizer writes).</summary>
public sealed record Generator(
    string Name,
    string Uid,
    long Generation,
    SortedMap Annotations,
    EquatableList<string> Finalizers,
    bool IsDeleting,
    GeneratorSpec Spec,
    GeneratorStatus? Status,
    string ResourceVersion = "")
{
    public bool IsPaused => Annotations.ContainsKey(WellKnown.PausedAnnotation);

    public bool HasFinalizer => Finalizers.Contains(WellKnown.Finalizer);
}

/// <summary>
/// Optional fields keep their raw text (validity, key algorithm) so a bad value is reported in status rather than
/// dropped at the edge.
/// </summary>
public sealed record GeneratorSpec(
    LabelSelector? NamespaceSelector,
    LabelSelector? TenantControlPlaneSelector,
    CompoundValue? User,
    EquatableList<CompoundValue> Groups,
    string ControlPlaneEndpointFrom,
    string? Validity,
    string? PrivateKeyAlgorithm,
    SortedMap SecretLabels,
    SortedMap SecretAnnotations);

/// <summary>
/// A static string or a path into the TenantControlPlane. Both are kept as written (null = absent) so the
/// runtime can tell "absent" from "empty", as Kamaji does.
/// </summary>
public sealed record CompoundValue(string? StringValue, string? FromDefinition);

/// <summary>Kamaji's status fields plus standard conditions.</summary>
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
public sealed record Condition(string Type, string Status, long ObservedGeneration, DateTimeOffset LastTransitionTime, string Reason, string Message);
