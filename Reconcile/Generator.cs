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
    public bool IsPaused => Annotations.ContainsKey(WellKnown.PausedAnnotation);

    public bool HasFinalizer => Finalizers.Contains(WellKnown.Finalizer);
}
