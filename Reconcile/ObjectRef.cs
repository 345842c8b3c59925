namespace KamajiKubeconfig.Reconcile;

/// <summary>Namespace and name of a namespaced object; prints as <c>namespace/name</c>, the form status errors use.</summary>
public readonly record struct ObjectRef(string Namespace, string Name)
{
    /// <summary>Kamaji's order: ordinal on the <c>namespace/name</c> string.</summary>
    public static readonly IComparer<ObjectRef> Order =
        Comparer<ObjectRef>.Create((a, b) => string.CompareOrdinal(a.ToString(), b.ToString()));

    public override string ToString() => $"{Namespace}/{Name}";
}
