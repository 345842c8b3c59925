namespace KamajiKubeconfig.Reconcile;

/// <summary>
/// <c>spec</c> of a KubeconfigGenerator. Optional fields keep their raw text (validity, key algorithm) so a bad value
/// is reported in status rather than dropped at the edge.
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
