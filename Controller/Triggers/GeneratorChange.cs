using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Triggers;

/// <summary>Whether an update of a generator needs a pass of its own.</summary>
internal static class GeneratorChange
{
    /// <summary>
    /// True unless old and new differ in <c>status</c> (and so resourceVersion) only, or the new status is exactly
    /// the one this controller last wrote. Everything else a pass reads from the generator is compared: uid (delete
    /// and re-create under one name), generation and spec, annotations (pause), finalizers, deletion state. Our own
    /// status writes therefore never wake the generator again, while a status someone else wrote (Kamaji's plain
    /// status updates during a switch-over, a user's edit) does, so it is put right at once.
    /// </summary>
    /// <param name="oldGenerator">The generator before the change.</param>
    /// <param name="newGenerator">The generator after the change.</param>
    /// <param name="lastWritten">The status this controller last wrote for that generator, if any.</param>
    public static bool NeedsReconcile(Generator oldGenerator, Generator newGenerator, GeneratorStatus? lastWritten = null)
    {
        if (ReferenceEquals(oldGenerator, newGenerator))
        {
            return false;
        }
        if (oldGenerator with { Status = null, ResourceVersion = "" } != newGenerator with { Status = null, ResourceVersion = "" })
        {
            return true;
        }
        return lastWritten is not null && newGenerator.Status is not null && !Equals(oldGenerator.Status, newGenerator.Status)
            && !newGenerator.Status.Equals(lastWritten);
    }
}
