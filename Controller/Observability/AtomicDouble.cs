namespace KamajiKubeconfig.Controller.Observability;

/// <summary>
/// Lock-free arithmetic on a <see cref="double"/> field. The queue reports metrics while holding its lock,
/// so a series must never block: a compare-and-swap loop retries only when another thread won the race.
/// </summary>
internal static class AtomicDouble
{
    public static void Add(ref double location, double value)
    {
        var current = Volatile.Read(ref location);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref location, current + value, current);
            // Compare the bits: NaN never equals itself, so a value comparison would spin forever.
            if (BitConverter.DoubleToInt64Bits(seen) == BitConverter.DoubleToInt64Bits(current))
            {
                return;
            }

            current = seen;
        }
    }
}
