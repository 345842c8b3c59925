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

/// <summary>
/// The decision for one (generator, TCP) pair. <see cref="Secret"/> is set for Repair and Issue,
/// <see cref="Issue"/> for Issue, <see cref="Error"/> whenever the target is not available.
/// </summary>
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

    /// <summary>
    /// The resourceVersion of the Secret this plan was made from ("" when it did not exist): the applier uses it to
    /// tell a cache that has not yet seen its write from one that moved on.
    /// </summary>
    public string ObservedResourceVersion { get; init; } = "";

    /// <summary>A kubeconfig is (or, once issued, will be) in place and valid; a hold is never available.</summary>
    public bool IsAvailable => Error is null && Action != TargetAction.Hold;

    /// <summary>"generating" when the Secret does not exist yet, else "regenerating" (Kamaji's two messages).</summary>
    public string FailureMessage(string cause) =>
        Reason == IssueReason.Missing
            ? $"an error occurred generating the {GoFormat.Quote(SecretRef.ToString())} Secret: {cause}"
            : $"an error occurred regenerating the {GoFormat.Quote(SecretRef.ToString())} Secret: {cause}";
}
