namespace KamajiKubeconfig.Reconcile;

/// <summary>
/// Deleting needs at least the proof of ownership writing needs (docs/behaviour.md B3, B7). A label is cheap to add
/// (anyone who can edit Secrets in a namespace can set <c>managed-by</c>), so a Secret is pruned only when it is
/// exactly what this generator would have written: named <c>&lt;tcp&gt;-&lt;generator&gt;</c> for the TCP its
/// <c>managed-for</c> label (or its controller reference to a TenantControlPlane) names, and controlled by nothing
/// else than a TenantControlPlane.
/// </summary>
public static class PruneProof
{
    /// <summary>Null when <paramref name="secret"/> may be deleted, else why not (a status error).</summary>
    private static string? RefusalFor(SecretInfo secret, string generator)
    {
        var quoted = GoFormat.Quote(secret.Ref.ToString());
        var controller = secret.OwnerReferences.FirstOrDefault(o => o.Controller);
        if (controller is not null
            && !(controller.Kind == WellKnown.TenantControlPlaneKind && controller.ApiVersion.StartsWith(WellKnown.Group + "/", StringComparison.Ordinal)))
        {
            return $"the {quoted} Secret is labelled {WellKnown.ManagedByLabel}={generator} but is controlled by "
                + $"{GoFormat.Plain(controller.Kind)} {GoFormat.Quote(GoFormat.Abbreviate(controller.Name))}: refusing to delete it";
        }
        var tenant = secret.Labels.GetValueOrDefault(WellKnown.ManagedForLabel) ?? controller?.Name;
        return tenant is not null && secret.Name == $"{tenant}-{generator}"
            ? null
            : $"the {quoted} Secret is labelled {WellKnown.ManagedByLabel}={generator} but is not named after a TenantControlPlane "
                + $"and this generator ({WellKnown.ManagedForLabel} missing or different): refusing to delete it";
    }

    /// <summary>The candidates that may be deleted, in Kamaji's order, and the refusals of the others as status errors.</summary>
    public static (EquatableList<ObjectRef> Deletes, IEnumerable<StatusError> Refused) Judge(IEnumerable<SecretInfo> candidates, string generator)
    {
        var judged = candidates.Select(s => (s.Ref, Refusal: RefusalFor(s, generator))).ToList();
        return (judged.Where(j => j.Refusal is null).Select(j => j.Ref).Order(ObjectRef.Order).ToEquatableList(),
            judged.Where(j => j.Refusal is not null).Select(j => new StatusError(j.Ref.ToString(), j.Refusal!)));
    }
}
