namespace KamajiKubeconfig.Controller.Leadership;

/// <summary>
/// Leader-election timings. The defaults are controller-runtime's (15 s lease, 10 s renew deadline, 2 s retry), so
/// a switch-over from Kamaji's generator behaves the same on both sides; tests shorten them.
/// </summary>
public sealed record LeaseTimings(TimeSpan LeaseDuration, TimeSpan RenewDeadline, TimeSpan RetryPeriod)
{
    public static readonly LeaseTimings Default = new(TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2));
}
