namespace KamajiKubeconfig.Chaos.BadInputs;

/// <summary>How a bad input may end: refused at admission, reported in status or an Event, or handled (a valid kubeconfig).</summary>
[Flags]
public enum Signal
{
    None = 0,
    Admission = 1,
    Status = 2,
    Event = 4,
    Valid = 8,

    /// <summary>The controller reports itself not ready (/readyz).</summary>
    Probe = 16,

    /// <summary>A clear error anywhere: the usual expectation for broken input.</summary>
    Error = Admission | Status | Event,
}
