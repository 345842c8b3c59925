namespace KamajiKubeconfig.Controller.Observability;

/// <summary>
/// What <c>/readyz</c> asks (controller-runtime's <c>AddReadyzCheck</c>): named checks that must all pass,
/// e.g. "informers" = every cache has synced. Checks are added at startup and read on every probe, so the
/// list is replaced as a whole (copy on write) and probes read it without a lock.
/// </summary>
internal sealed class ReadinessChecks
{
    private readonly Lock _addLock = new();
    private (string Name, Func<bool> Check)[] _checks = [];

    public void Add(string name, Func<bool> check)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(check);
        lock (_addLock)
        {
            Volatile.Write(ref _checks, [.. _checks, (name, check)]);
        }
    }

    /// <summary>Ready when every check passes; the failing ones are named. A check that throws has failed.</summary>
    public (bool Ready, IReadOnlyList<string> Failing) Evaluate()
    {
        var failing = new List<string>();
        foreach (var (name, check) in Volatile.Read(ref _checks))
        {
            if (!Passes(check))
            {
                failing.Add(name);
            }
        }

        return (failing.Count == 0, failing);
    }

    private static bool Passes(Func<bool> check)
    {
        try
        {
            return check();
        }
#pragma warning disable CA1031 // A probe answers "not ready" for any failure; it must never take the endpoint down.
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }
}
