namespace KamajiKubeconfig.Reconcile;

/// <summary>Decides Keep / Repair / Issue / Hold for one selected TCP, in Kamaji's order of checks.</summary>
public static class TargetPlanner
{
    public static TargetPlan Plan(
        Generator generator, TenantControlPlane tcp, IClusterView cluster, GeneratorSettings settings, DateTimeOffset now, IValidityMemo memo)
    {
        var secretRef = new ObjectRef(tcp.Namespace, $"{tcp.Name}-{generator.Name}");
        var hold = new TargetPlan(tcp.Ref, secretRef, TargetAction.Hold, null, null, null, null, null);

        var template = TemplateLoader.Load(tcp, generator.Spec.ControlPlaneEndpointFrom, cluster, memo, out var error);
        var identity = template is null ? null : IdentityResolver.Resolve(generator.Spec, tcp.Document, out error);
        if (template is null || identity is null)
        {
            return hold with { Error = error };
        }
        if (secretRef.Name.Length > ObjectNames.MaxLength)
        {
            return hold with { Error = $"the Secret name {GoFormat.Quote(secretRef.Name)} is longer than {ObjectNames.MaxLength} characters" };
        }
        var existing = cluster.GetSecret(secretRef);
        hold = hold with { ObservedResourceVersion = existing?.ResourceVersion ?? "" };
        if (existing is not null && OwnershipProblem(existing, generator.Name, tcp.Name, tcp.Uid) is { } ownershipError)
        {
            return hold with { Error = ownershipError };
        }

        var ca = LoadCertificateAuthority(tcp, cluster, memo, out var caSecret, out error);
        var verdict = ca is null
            ? new KubeconfigFacts(existing is null ? IssueReason.Missing : null, default, default)
            : existing is null ? new KubeconfigFacts(IssueReason.Missing, default, default)
            : existing.Annotations.GetValueOrDefault(WellKnown.RotateAnnotation) == "" ? new KubeconfigFacts(IssueReason.RotationRequested, default, default)
            : KubeconfigValidity.Judge(memo.GetOrAdd(
                new ValidityKey(existing.Ref, existing.ResourceVersion, caSecret!.Ref, caSecret.ResourceVersion, template, generator.Name, identity, settings.KeyAlgorithm),
                () => KubeconfigValidity.Inspect(existing.Kubeconfig ?? StoredKubeconfig.Read(existing.Get(WellKnown.ValueKey)), template, generator.Name, identity, settings.KeyAlgorithm, ca)),
                ca, now, settings.RenewBefore);
        hold = hold with { Reason = verdict.Reason };
        if (ca is null)
        {
            return hold with { Error = hold.FailureMessage(error ?? "cannot retrieve Certificate Authority") };
        }
        if (ca.NotAfter <= now)
        {
            // Nothing it signed is accepted any more, and nothing new can be signed with it: only a CA rotation helps.
            return hold with { Error = hold.FailureMessage($"the Certificate Authority certificate expired at {Rfc3339(ca.NotAfter)}") };
        }

        var rotated = verdict.Reason == IssueReason.RotationRequested;
        var desired = DesiredMetadata(generator, tcp, secretRef, existing, rotated, now);
        var pause = PauseReason(tcp, existing);
        if (verdict.Reason is null)
        {
            var renewAt = After(verdict.NotAfter - settings.RenewBefore, now);
            var drifted = !existing!.Labels.Contains(desired.Labels) || !existing.Annotations.Contains(desired.Annotations)
                || !existing.OwnerReferences.Contains(desired.Owner);
            return drifted && pause is null
                // A cached Secret holds no value (Caches): the applier reads it back to restore the metadata.
                ? hold with { Action = TargetAction.Repair, Secret = desired with { Value = existing!.Get(WellKnown.ValueKey) }, RenewAt = renewAt, CertificateNotAfter = verdict.NotAfter }
                : hold with { Action = TargetAction.Keep, RenewAt = renewAt, CertificateNotAfter = verdict.NotAfter };
        }
        if (pause is not null)
        {
            return hold with { Error = $"{pause}: it needs a new certificate ({verdict.Reason}) but is left as it is" };
        }
        if (!TrustBundle.Includes(template.CertificateAuthorityData, ca.Der()))
        {
            // Kamaji rotates a CA in two writes: the CA Secret, then the admin kubeconfig. Issuing in between would
            // pair the new CA's certificate with the old CA data and need a second certificate moments later; the
            // admin kubeconfig's update wakes this pass again, and until then the existing Secret stays as it is.
            var cause = $"the admin kubeconfig's certificate-authority-data does not include the certificate of {GoFormat.Quote(caSecret!.Ref.ToString())} (a CA rotation in progress?): waiting for it to be updated";
            return hold with { Error = hold.FailureMessage(cause) };
        }
        var notAfter = now + settings.Validity < ca.NotAfter ? now + settings.Validity : ca.NotAfter;
        var request = new IssueRequest(
            identity, settings.KeyAlgorithm, now - ReconcileOptions.ClockSkewAllowance, notAfter, template, generator.Name, ca, caSecret!.Ref, caSecret.ResourceVersion);
        return hold with
        {
            Action = TargetAction.Issue,
            Secret = desired,
            Issue = request,
            RenewAt = After(notAfter - settings.RenewBefore, now),
            CertificateNotAfter = notAfter,
        };
    }

    private static CertificateAuthority? LoadCertificateAuthority(
        TenantControlPlane tcp, IClusterView cluster, IValidityMemo memo, out SecretInfo? secret, out string? error)
    {
        var invalid = string.IsNullOrEmpty(tcp.CaSecretName) ? "the Certificate Authority is not yet generated"
            : ObjectNames.Problem("status.certificates.ca.secretName", tcp.CaSecretName);
        secret = invalid is null ? cluster.GetSecret(new ObjectRef(tcp.Namespace, tcp.CaSecretName!)) : null;
        if (secret is null)
        {
            error = $"cannot retrieve Certificate Authority: {invalid ?? $"secrets {GoFormat.Quote(tcp.CaSecretName!)} not found"}";
            return null;
        }
        var found = secret;
        (var ca, error) = memo.GetOrAdd(new CertificateAuthorityKey(secret.Ref, secret.ResourceVersion),
            () => (CertificateAuthority.TryLoad(found, out var problem), problem));
        return ca;
    }

    /// <summary>docs/behaviour.md B7: write only to a Secret that is ours by both labels, or that does not exist.</summary>
    internal static string? OwnershipProblem(SecretInfo existing, string generator, string tcpName, string tcpUid)
    {
        var quoted = GoFormat.Quote(existing.Ref.ToString());
        var managedBy = existing.Labels.GetValueOrDefault(WellKnown.ManagedByLabel);
        var managedFor = existing.Labels.GetValueOrDefault(WellKnown.ManagedForLabel);
        // Ours by both labels; or ours by managed-by plus a controller reference to this very TCP (by uid), when
        // someone removed managed-for or pointed it elsewhere: that label is repaired. The name is this TCP's, so no
        // other TCP's pass would ever prune it, and the uid proves which TCP it was written for; without that proof
        // it is someone else's Secret.
        var provenByOwner = existing.OwnerReferences.Any(o => o.Controller && o.Uid == tcpUid && tcpUid.Length > 0);
        if (managedBy != generator || (managedFor != tcpName && !provenByOwner))
        {
            return $"the {quoted} Secret already exists and is not managed by this generator for this TenantControlPlane: refusing to overwrite it";
        }
        var otherController = existing.OwnerReferences.FirstOrDefault(o => o.Controller && o.Uid != tcpUid);
        return otherController is null ? null
            : $"the {quoted} Secret is controlled by {otherController.Kind} {GoFormat.Quote(otherController.Name)}: refusing to take it over";
    }

    private static string? PauseReason(TenantControlPlane tcp, SecretInfo? existing) =>
        tcp.IsPaused ? $"the TenantControlPlane is paused ({WellKnown.PausedAnnotation})"
        : existing?.IsPaused == true ? $"the {GoFormat.Quote(existing.Ref.ToString())} Secret is paused ({WellKnown.PausedAnnotation})"
        : null;

    private static DesiredSecret DesiredMetadata(
        Generator generator, TenantControlPlane tcp, ObjectRef secretRef, SecretInfo? existing, bool rotated, DateTimeOffset now)
    {
        var template = generator.Spec;
        var labels = template.SecretLabels
            .With(WellKnown.ManagedByLabel, generator.Name)
            .With(WellKnown.ManagedForLabel, tcp.Name)
            .With(WellKnown.LifecycleLabel, WellKnown.LifecycleLabelValue);
        var annotations = template.SecretAnnotations.Without(WellKnown.RotateAnnotation).Without(WellKnown.PausedAnnotation);
        // After a rotation the annotation holds its time (Kamaji's contract); later applies keep carrying that value,
        // because server-side apply would delete a field its manager stops sending.
        var lastRotation = rotated ? Rfc3339(now) : existing?.Annotations.GetValueOrDefault(WellKnown.RotateAnnotation);
        if (!string.IsNullOrEmpty(lastRotation))
        {
            annotations = annotations.With(WellKnown.RotateAnnotation, lastRotation);
        }
        var owner = new OwnerReference(WellKnown.ApiVersion, WellKnown.TenantControlPlaneKind, tcp.Name, tcp.Uid, true, true);
        return new DesiredSecret(secretRef, labels, annotations, owner, null);
    }

    private static DateTimeOffset? After(DateTimeOffset time, DateTimeOffset now) => time > now ? time : null;

    private static string Rfc3339(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
