namespace KamajiKubeconfig.Reconcile;

/// <summary>The shape of a pass.</summary>
public enum PlanMode
{
    /// <summary>Normal pass: apply targets, prune, write status.</summary>
    Active,

    /// <summary><c>kamaji.clastix.io/paused</c> on the generator: no write at all, not even status (Kamaji's behaviour).</summary>
    Paused,

    /// <summary>The generator is being deleted: delete its Secrets, then release the finalizer.</summary>
    Finalizing,
}
