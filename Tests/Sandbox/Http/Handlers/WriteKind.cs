namespace KamajiKubeconfig.Sandbox.Http.Handlers;

/// <summary>Which write produced a new object version: it decides RV rules and managedFields bookkeeping.</summary>
public enum WriteKind
{
    Put,
    Patch,
    Apply,
}
