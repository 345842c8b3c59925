namespace KamajiKubeconfig.Reconcile;

/// <summary>
/// Every field of a generated Secret this controller owns. Server-side apply removes owned fields that an apply
/// leaves out, so an apply always carries all of them; <see cref="Value"/> is null only until the issuer fills it.
/// </summary>
public sealed record DesiredSecret(ObjectRef Ref, SortedMap Labels, SortedMap Annotations, OwnerReference Owner, byte[]? Value)
{
    public override string ToString() => $"DesiredSecret {{ Ref = {Ref}, Labels = {Labels}, Annotations = {Annotations} }}";
}
