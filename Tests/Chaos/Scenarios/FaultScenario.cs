namespace KamajiKubeconfig.Chaos.Scenarios;

/// <summary>
/// One fault scenario: a world arranged and converged, the fault injected, then the invariants. Subclasses say what
/// they break; the runner measures convergence, writes and issuances and runs the common checks.
/// </summary>
public abstract class FaultScenario
{
    public abstract string Name { get; }

    /// <summary>What is injected, for the table.</summary>
    public abstract string Fault { get; }

    /// <summary>From the first fault to convergence, including the fault's own duration.</summary>
    public virtual TimeSpan Deadline => TimeSpan.FromSeconds(60);

    /// <summary>ECDSA CAs from the Kamaji simulator (fast); false for RSA-2048 CAs, Kamaji's default.</summary>
    public virtual bool EcdsaCas => true;

    public virtual TimeSpan ClockOffset => TimeSpan.Zero;

    /// <summary>Loads the CPU (RSA issuance): at most two of these run at once.</summary>
    public virtual bool Heavy => false;

    /// <summary>New certificates a single Secret may receive during the scenario without it counting as waste.</summary>
    public virtual int MaxCertificatesPerSecret => 1;

    /// <summary>Tenants, generators and controllers; the runner waits for convergence before the fault.</summary>
    public abstract Task ArrangeAsync(ChaosWorld world, ScenarioContext context);

    /// <summary>Injects the fault (and the changes it races with).</summary>
    public abstract Task InjectAsync(ChaosWorld world, ScenarioContext context);

    /// <summary>Checks of this scenario beyond the common invariants (issuance counts, timings, the Lease).</summary>
    public virtual Task VerifyAsync(ChaosWorld world, ScenarioContext context) => Task.CompletedTask;
}
