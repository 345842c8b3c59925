namespace KamajiKubeconfig.Reconcile;

/// <summary>
/// Every field of a generated Secret this controller owns. Server-side apply removes owned fields that an apply
/// leaves out, so an apply always carries all of them; <see cref="Value"/> is null only until the issuer fills it.
/// </summary>
public sealed record DesiredSecret(ObjectRef Ref, SortedMap Labels, SortedMap Annotations, OwnerReference Owner, byte[]? Value)
{
    /// <summary>Value equality, bytes included, so equal inputs give equal plans.</summary>
    public bool Equals(DesiredSecret? other) =>
        other is not null && Ref == other.Ref && Labels.Equals(other.Labels) && Annotations.Equals(other.Annotations)
        && Owner == other.Owner && (Value ?? []).AsSpan().SequenceEqual(other.Value ?? []) && (Value is null) == (other.Value is null);

    public override int GetHashCode() => HashCode.Combine(Ref, Labels, Annotations, Owner, Value?.Length);

    public override string ToString() => $"DesiredSecret {{ Ref = {Ref}, Labels = {Labels}, Annotations = {Annotations} }}";
}
