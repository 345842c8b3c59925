namespace KamajiKubeconfig.Benchmarks.Harness;

/// <summary>The precision each unit is reported with: more digits than the noise would be fiction.</summary>
public static class Round
{
    public static double Seconds(double seconds) => Math.Round(seconds, 3);

    public static double Ms(double milliseconds) => Math.Round(milliseconds, 3);

    public static double MiB(double mib) => Math.Round(mib, 1);

    /// <summary>a / b to 3 significant decimals; null when b is zero (the ratio is undefined, not infinite).</summary>
    public static double? Ratio(double a, double b) => b == 0 ? null : Math.Round(a / b, 3);
}
