namespace KamajiKubeconfig.Reconcile;

/// <summary>The generator's certificate settings after defaults, or the spec error that makes them unusable.</summary>
public sealed record GeneratorSettings(TimeSpan Validity, TimeSpan RenewBefore, KeyAlgorithm KeyAlgorithm)
{
    /// <summary>Validities below this would renew so often that the controller would spend its time signing.</summary>
    public static readonly TimeSpan MinimumValidity = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Ten years, as long as the CAs kubeadm and Kamaji create live (certificates are capped at their CA's expiry
    /// anyway). The CRD refuses more at admission; this catches what got in before that rule existed.
    /// </summary>
    public static readonly TimeSpan MaximumValidity = TimeSpan.FromHours(87600);

    public static GeneratorSettings? Resolve(GeneratorSpec spec, ReconcileOptions options, out StatusError? error)
    {
        var validity = options.DefaultValidity;
        if (spec.Validity is not null)
        {
            if (!GoDuration.TryParse(spec.Validity, out validity))
            {
                error = new StatusError("spec.certificate.validity", $"spec.certificate.validity {GoFormat.Quote(spec.Validity)} is not a valid duration");
                return null;
            }
            if (validity > MaximumValidity)
            {
                error = new StatusError("spec.certificate.validity",
                    $"spec.certificate.validity {GoFormat.Quote(spec.Validity)} is longer than the maximum {GoDuration.Format(MaximumValidity)}");
                return null;
            }
            if (validity < MinimumValidity)
            {
                error = new StatusError("spec.certificate.validity",
                    $"spec.certificate.validity {GoFormat.Quote(spec.Validity)} is shorter than the minimum {GoDuration.Format(MinimumValidity)}");
                return null;
            }
        }
        var algorithm = KeyAlgorithms.Default;
        if (spec.PrivateKeyAlgorithm is not null && !KeyAlgorithms.TryParse(spec.PrivateKeyAlgorithm, out algorithm))
        {
            error = new StatusError("spec.certificate.privateKey.algorithm",
                $"spec.certificate.privateKey.algorithm {GoFormat.Quote(spec.PrivateKeyAlgorithm)} is not one of "
                + string.Join(", ", Enum.GetValues<KeyAlgorithm>().Select(a => a.Name())));
            return null;
        }
        error = null;
        // docs/behaviour.md B: renewBefore = min(--certificate-expiration-deadline, validity / 3).
        var renewBefore = validity / 3 < options.ExpirationDeadline ? validity / 3 : options.ExpirationDeadline;
        return new GeneratorSettings(validity, renewBefore, algorithm);
    }
}
