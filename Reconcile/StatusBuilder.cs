using System.Globalization;

namespace KamajiKubeconfig.Reconcile;

/// <summary>Builds the generator status from the per-target decisions (docs/behaviour.md A1, B11).</summary>
public static class StatusBuilder
{
    /// <summary>
    /// Longer messages are cut: they quote user input (paths, names, values), and the status of a generator over
    /// thousands of tenants must stay well under the API server's object size limit.
    /// </summary>
    public const int MaxMessageLength = 1024;

    /// <summary>Each target that is not available carries its error; refused prunes are errors, not counted targets.</summary>
    public static GeneratorStatus Build(
        Generator generator, EquatableList<TargetPlan> targets, StatusError? specError, DateTimeOffset now, IEnumerable<StatusError> refusedPrunes)
    {
        // One walk over the targets (every pass makes it): the unavailable ones, and how many are available.
        var unavailable = new List<TargetPlan>();
        foreach (var target in targets.AsSpan())
        {
            if (!target.IsAvailable)
            {
                unavailable.Add(target);
            }
        }
        var available = targets.Count - unavailable.Count;
        var errors = unavailable
            .Select(t => new StatusError(t.TenantControlPlane.ToString(), Cut(t.Error ?? "the kubeconfig is not available")))
            .Concat(specError is null ? [] : [specError with { Message = Cut(specError.Message) }])
            .Concat(refusedPrunes.Select(e => e with { Message = Cut(e.Message) }))
            .Order(StatusError.Order)
            .ToEquatableList();
        var (status, reason, message) = specError is not null
            ? ("False", "InvalidSpec", specError.Message)
            : available == targets.Count
                ? ("True", "Available", string.Create(CultureInfo.InvariantCulture, $"{available} of {targets.Count} kubeconfigs available"))
                : ("False", "KubeconfigErrors", string.Create(CultureInfo.InvariantCulture,
                    $"{available} of {targets.Count} kubeconfigs available, {targets.Count - available} with errors"));
        var previous = generator.Status?.Conditions.FirstOrDefault(c => c.Type == WellKnown.ReadyCondition);
        // metav1.Condition semantics: the transition time moves only when the condition's status flips. API times have
        // second precision; ours is cut to it, so it equals what a read-back returns.
        var since = previous is not null && previous.Status == status ? previous.LastTransitionTime
            : new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var ready = new Condition(WellKnown.ReadyCondition, status, generator.Generation, since, reason, message);
        return new GeneratorStatus(generator.Generation, targets.Count, available, errors, EquatableList.Of(ready));
    }

    private static string Cut(string message) =>
        message.Length <= MaxMessageLength ? message : message[..(MaxMessageLength - 3)] + "...";
}
