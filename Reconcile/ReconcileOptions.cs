namespace KamajiKubeconfig.Reconcile;

/// <summary>Process-wide settings that shape every plan.</summary>
public sealed record ReconcileOptions(TimeSpan ExpirationDeadline, TimeSpan DefaultValidity)
{
    /// <summary>Kamaji's <c>--certificate-expiration-deadline</c> default and its floor.</summary>
    public static readonly TimeSpan MinimumExpirationDeadline = TimeSpan.FromHours(24);

    /// <summary>How far a new certificate's NotBefore is back-dated, to tolerate clock skew (docs/behaviour.md B2).</summary>
    public static readonly TimeSpan ClockSkewAllowance = TimeSpan.FromMinutes(5);

    public static readonly ReconcileOptions Default = new(TimeSpan.FromHours(24), TimeSpan.FromDays(365));
}
