using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Applier;

/// <summary>The result of writing one Secret: null cause = written, with the Secret as stored when the server returned it.</summary>
public readonly record struct WriteResult(string? Cause, bool Transient, TimeSpan? RetryAfter, bool IsWholeMessage = false, SecretInfo? Stored = null)
{
    public static WriteResult Written(SecretInfo? stored) => new(null, false, null, Stored: stored);

    public static WriteResult From(KubeApiException e) => new(e.Message, e.IsTransient, e.RetryAfter);
}

/// <summary>
/// Writes one desired Secret (docs/behaviour.md B7): a Secret we believe missing is created, never applied, so a foreign
/// Secret that the cache did not show is not merged into; one that is ours is applied with force, taking back
/// fields others edited.
/// </summary>
public sealed class SecretWriter(IKubeApi api)
{
    public async Task<WriteResult> WriteAsync(TargetPlan target, Generator generator, CancellationToken cancellationToken)
    {
        var secret = target.Secret!;
        try
        {
            if (target.Reason == IssueReason.Missing)
            {
                try
                {
                    return WriteResult.Written(await api.CreateSecretAsync(secret, cancellationToken));
                }
                catch (KubeApiException e) when (e.Kind == ApiFailureKind.AlreadyExists)
                {
                    var existing = await api.GetSecretAsync(secret.Ref, cancellationToken);
                    if (existing is null || TargetPlanner.OwnershipProblem(existing, generator.Name, target.TenantControlPlane.Name, secret.Owner.Uid) is not null)
                    {
                        return new WriteResult(
                            $"the {GoFormat.Quote(secret.Ref.ToString())} Secret already exists and is not managed by this generator for this TenantControlPlane: refusing to overwrite it",
                            existing is null, null, IsWholeMessage: true);
                    }
                }
            }
            if (secret.Value is null && target.Action == TargetAction.Repair)
            {
                // Only the value the planner judged valid may be applied back: any other version waits for the next pass.
                var current = await api.GetSecretAsync(secret.Ref, cancellationToken);
                if (current?.ResourceVersion != target.ObservedResourceVersion || current.Get(WellKnown.ValueKey) is not { } value)
                {
                    return new WriteResult("the Secret changed while its metadata was being restored: retrying", true, null);
                }
                secret = secret with { Value = value };
            }
            return WriteResult.Written(await api.ApplySecretAsync(secret, force: true, cancellationToken));
        }
        catch (KubeApiException e)
        {
            return WriteResult.From(e);
        }
    }
}
