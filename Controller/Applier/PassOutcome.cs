namespace KamajiKubeconfig.Controller.Applier;

/// <summary>How a pass ended, which is all the worker's retry policy looks at.</summary>
public enum PassOutcome
{
    /// <summary>Everything the plan asked for was written (failures that retrying cannot fix are in status).</summary>
    Completed,

    /// <summary>Some write failed in a way that may pass later: retry with backoff.</summary>
    Transient,
}
