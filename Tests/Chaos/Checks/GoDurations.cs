using System.Globalization;
using System.Text.RegularExpressions;

namespace KamajiKubeconfig.Chaos.Checks;

/// <summary>Go durations as the CRD accepts them (e.g. 8760h, 1h30m, 90s); null when unreadable or absurd.</summary>
public static partial class GoDurations
{
    public static TimeSpan? TryParse(string? text)
    {
        if (string.IsNullOrEmpty(text) || !Whole().IsMatch(text))
        {
            return null;
        }
        double seconds = 0;
        foreach (Match m in Part().Matches(text))
        {
            var n = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            seconds += m.Groups[2].Value switch { "h" => n * 3600, "m" => n * 60, "s" => n, _ => n / 1000 };
        }
        return seconds < TimeSpan.MaxValue.TotalSeconds / 2 ? TimeSpan.FromSeconds(seconds) : null;
    }

    [GeneratedRegex(@"^([0-9]+(\.[0-9]+)?(h|m|s|ms))+$")]
    private static partial Regex Whole();

    [GeneratedRegex(@"([0-9]+(?:\.[0-9]+)?)(ms|h|m|s)")]
    private static partial Regex Part();
}
