namespace KamajiKubeconfig.Sandbox.Faults;

/// <summary>The system clock shifted by <see cref="Offset"/>: a sandbox whose clock disagrees with its clients'.</summary>
public sealed class SkewedClock(TimeSpan offset) : TimeProvider
{
    private long _offsetTicks = offset.Ticks;

    public TimeSpan Offset
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
        set => Interlocked.Exchange(ref _offsetTicks, value.Ticks);
    }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
