using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Triggers;

/// <summary>Whether an update of a generator needs a pass of its own.</summary>
internal static class GeneratorChange
{
    /// <summary>
    /// True unless old and new differ in <c>status</c> only. Everything else a pass reads from the generator is
    /// compared: uid (delete and re-create under one name), generation and spec, annotations (pause), finalizers,
    /// deletion state. Skipping status-only updates keeps our own status writes from waking the generator again;
    /// the price is that a status overwritten by someone else is repaired at the next pass, not at once.
    /// </summary>
    public static bool NeedsReconcile(Generator oldGenerator, Generator newGenerator) =>
        !ReferenceEquals(oldGenerator, newGenerator)
        && oldGenerator with { Status = null } != newGenerator with { Status = null };
}
