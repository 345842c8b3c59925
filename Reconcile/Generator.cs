namespace KamajiKubeconfig.Reconcile;

/// <summary>The projection of a KubeconfigGenerator that reconcile reads.</summary>
public sealed record Generator(
    string Name,
    string Uid,
    long Generation,
    SortedMap Annotations,
    EquatableList<string> Finalizers,
    bool IsDeleting,
    GeneratorSpec Spec,
    GeneratorStatus? Status)
{
    /// <summary>The generator's resourceVersion, for writes that must not race (finalizers). Not read by reconcile.</summary>
    public string ResourceVersion { get; init; } = "";

    public bool IsPaused => Annotations.ContainsKey(WellKnown.PausedAnnotation);

    public bool HasFinalizer => Finalizers.Contains(WellKnown.Finalizer);
}
