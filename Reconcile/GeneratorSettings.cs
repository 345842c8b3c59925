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

/// <summary>The generator's certificate settings after defaults, or the spec error that makes them unusable.</summary>
public sealed record GeneratorSettings(TimeSpan Validity, TimeSpan RenewBefore, KeyAlgorithm KeyAlgorithm)
{
    /// <summary>docs/behaviour.md D13: shorter certificates would keep the controller signing.</summary>
    public static readonly TimeSpan MinimumValidity = TimeSpan.FromMinutes(1);

    /// <summary>docs/behaviour.md D15: ten years, as long as the CAs kubeadm and Kamaji create live.</summary>
    public static readonly TimeSpan MaximumValidity = TimeSpan.FromHours(87600);

    public static GeneratorSettings? Resolve(GeneratorSpec spec, ReconcileOptions options, out StatusError? error)
    {
        var validity = options.DefaultValidity;
        var validityProblem = spec.Validity is null ? null
            : !GoDuration.TryParse(spec.Validity, out validity) ? "is not a valid duration"
            : validity > MaximumValidity ? $"is longer than the maximum {GoDuration.Format(MaximumValidity)}"
            : validity < MinimumValidity ? $"is shorter than the minimum {GoDuration.Format(MinimumValidity)}"
            : null;
        var algorithm = KeyAlgorithms.Default;
        error = validityProblem is not null
            ? new StatusError("spec.certificate.validity", $"spec.certificate.validity {GoFormat.Quote(spec.Validity!)} {validityProblem}")
            : spec.PrivateKeyAlgorithm is not null && !KeyAlgorithms.TryParse(spec.PrivateKeyAlgorithm, out algorithm)
                ? new StatusError("spec.certificate.privateKey.algorithm", $"spec.certificate.privateKey.algorithm {GoFormat.Quote(spec.PrivateKeyAlgorithm)} is not one of "
                    + string.Join(", ", Enum.GetValues<KeyAlgorithm>().Select(a => a.Name())))
                : null;
        // docs/behaviour.md B: renewBefore = min(--certificate-expiration-deadline, validity / 3).
        var renewBefore = validity / 3 < options.ExpirationDeadline ? validity / 3 : options.ExpirationDeadline;
        return error is null ? new GeneratorSettings(validity, renewBefore, algorithm) : null;
    }
}
