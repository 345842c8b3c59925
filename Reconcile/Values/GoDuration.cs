using System.Globalization;
using System.Text.RegularExpressions;

namespace KamajiKubeconfig.Reconcile.Values;

/// <summary>Parses Go duration strings (<c>8760h</c>, <c>1h30m</c>, <c>90s</c>), the syntax of Kamaji's flags and our CRD.</summary>
public static partial class GoDuration
{
    [GeneratedRegex("^(?:(\\d+(?:\\.\\d+)?)(h|m|s|ms))+\\z")]
    private static partial Regex Shape();

    [GeneratedRegex("(\\d+(?:\\.\\d+)?)(h|ms|m|s)")]
    private static partial Regex Part();

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text) || !Shape().IsMatch(text))
        {
            return false;
        }
        double ms = 0;
        foreach (Match m in Part().Matches(text))
        {
            var n = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            ms += m.Groups[2].Value switch
            {
                "h" => n * 3_600_000,
                "m" => n * 60_000,
                "s" => n * 1000,
                _ => n,
            };
        }
        // Go's time.Duration is int64 nanoseconds (about 2562047h): longer durations are not durations for Kamaji either.
        if (ms > long.MaxValue / 1_000_000.0)
        {
            return false;
        }
        duration = TimeSpan.FromMilliseconds(ms);
        return true;
    }

    /// <summary>Formats like Go's <c>time.Duration.String()</c> for whole seconds: <c>24h0m0s</c>, <c>1m0s</c>, <c>30s</c>.</summary>
    public static string Format(TimeSpan duration)
    {
        var total = (long)duration.TotalSeconds;
        var (hours, minutes, seconds) = (total / 3600, total % 3600 / 60, total % 60);
        return hours > 0 ? string.Create(CultureInfo.InvariantCulture, $"{hours}h{minutes}m{seconds}s")
            : minutes > 0 ? string.Create(CultureInfo.InvariantCulture, $"{minutes}m{seconds}s")
            : string.Create(CultureInfo.InvariantCulture, $"{seconds}s");
    }
}
