namespace KamajiKubeconfig.Controller.Observability;

/// <summary>One counter series: a value that only goes up.</summary>
internal sealed class CounterSeries
{
    private double _value;

    public double Value => Volatile.Read(ref _value);

    /// <summary>
    /// Adds <paramref name="amount"/>. A negative or NaN amount would break the "only goes up" contract that
    /// <c>rate()</c> relies on; it is ignored rather than thrown, because callers record while holding locks.
    /// </summary>
    public void Inc(double amount = 1)
    {
        if (amount > 0)
        {
            AtomicDouble.Add(ref _value, amount);
        }
    }
}
