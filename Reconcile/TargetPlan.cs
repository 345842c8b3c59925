namespace KamajiKubeconfig.Reconcile;

/// <summary>What to do about one selected TCP.</summary>
public enum TargetAction
{
    /// <summary>The Secret is in place and valid; write nothing.</summary>
    Keep,

    /// <summary>Labels, annotations or owner drifted; apply metadata with the same certificate.</summary>
    Repair,

    /// <summary>Issue a new certificate and apply the whole Secret.</summary>
    Issue,

    /// <summary>Write nothing: an error (in <see cref="TargetPlan.Error"/>) or a pause stops us.</summary>
    Hold,
}

/// <summary>The decision for one (generator, TCP) pair; <see cref="Error"/> is set whenever the target is not available.</summary>
public sealed record TargetPlan(
    ObjectRef TenantControlPlane,
    ObjectRef SecretRef,
    TargetAction Action,
    IssueReason? Reason,
    DesiredSecret? Secret,
    IssueRequest? Issue,
    string? Error,
    DateTimeOffset? RenewAt)
{
    /// <summary>When the target's certificate (kept or about to be issued) expires; for the expiry metric.</summary>
    public DateTimeOffset? CertificateNotAfter { get; init; }

    /// <summary>The Secret's resourceVersion when planned ("" if absent), to tell a lagging cache from one that moved on.</summary>
    public string ObservedResourceVersion { get; init; } = "";

    /// <summary>A kubeconfig is (or, once issued, will be) in place and valid; a hold is never available.</summary>
    public bool IsAvailable => Error is null && Action != TargetAction.Hold;

    /// <summary>"generating" when the Secret does not exist yet, else "regenerating" (Kamaji's two messages).</summary>
    public string FailureMessage(string cause) =>
        $"an error occurred {(Reason == IssueReason.Missing ? "generating" : "regenerating")} the {GoFormat.Quote(SecretRef.ToString())} Secret: {cause}";
}

/// <summary>Why a certificate is (re)issued; also the label of the "issued by reason" metric.</summary>
public enum IssueReason
{
    Missing,
    Unreadable,
    RotationRequested,
    LayoutChanged,
    EndpointChanged,
    CertificateAuthorityChanged,
    InvalidCertificate,
    KeyMismatch,
    IdentityChanged,
    KeyAlgorithmChanged,
    NotYetValid,
    Expiring,
}

/// <summary>
/// Every field of a generated Secret this controller owns. Server-side apply removes owned fields that an apply
/// leaves out, so an apply always carries all of them; <see cref="Value"/> is null only until the issuer
/// fills it, or, repairing a cached Secret (whose value the cache does not hold), until the applier reads it back.
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

/// <summary>
/// Everything the issuer needs to write one kubeconfig, policy decided. The CA Secret's ref and resourceVersion let
/// the issued kubeconfig be remembered under the <see cref="ValidityKey"/> the next pass looks up.
/// </summary>
public sealed record IssueRequest(
    Identity Identity,
    KeyAlgorithm KeyAlgorithm,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    KubeconfigCluster Cluster,
    string GeneratorName,
    CertificateAuthority CertificateAuthority,
    ObjectRef CaSecret,
    string CaResourceVersion)
{
    /// <summary>The key under which a pass inspects the Secret holding this request's kubeconfig at <paramref name="resourceVersion"/>.</summary>
    public ValidityKey ValidityKeyFor(ObjectRef secret, string resourceVersion) =>
        new(secret, resourceVersion, CaSecret, CaResourceVersion, Cluster, GeneratorName, Identity, KeyAlgorithm);
}
