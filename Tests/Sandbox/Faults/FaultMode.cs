namespace KamajiKubeconfig.Sandbox.Faults;

/// <summary>What a matching request gets: an error answer, or held until the client gives up (then an error).</summary>
public enum FaultMode
{
    Fail,
    Hang,
}
