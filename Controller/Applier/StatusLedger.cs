using System.Collections.Concurrent;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Applier;

/// <summary>
/// The status this process last wrote, or last found already stored as it computed it, for each generator. A status-only update that shows exactly this is our own
/// write coming back through the watch and wakes nothing; any other status-only update was someone else's and is
/// put right by a pass (docs/behaviour.md B11).
/// </summary>
public sealed class StatusLedger
{
    private readonly ConcurrentDictionary<string, GeneratorStatus> _written = new(StringComparer.Ordinal);

    /// <summary>After writing <paramref name="status"/>, or finding it stored exactly as computed.</summary>
    public void Wrote(string generator, GeneratorStatus status) => _written[generator] = status;

    public GeneratorStatus? LastWritten(string generator) => _written.GetValueOrDefault(generator);

    public void Forget(string generator) => _written.TryRemove(generator, out _);
}
