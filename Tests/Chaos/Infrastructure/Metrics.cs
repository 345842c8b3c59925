using System.Globalization;

namespace KamajiKubeconfig.Chaos.Infrastructure;

/// <summary>Reads values from a Prometheus text exposition.</summary>
public static class Metrics
{
    /// <summary>The sum of every series of <paramref name="name"/> whose labels contain <paramref name="labelFilter"/>.</summary>
    public static double Sum(string exposition, string name, string labelFilter = "")
    {
        double total = 0;
        foreach (var line in exposition.Split('\n'))
        {
            if (line.StartsWith('#') || !line.StartsWith(name, StringComparison.Ordinal))
            {
                continue;
            }
            var rest = line[name.Length..];
            if (rest.Length == 0 || (rest[0] != '{' && rest[0] != ' ') || !rest.Contains(labelFilter, StringComparison.Ordinal))
            {
                continue;
            }
            var value = line[(line.LastIndexOf(' ') + 1)..];
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            {
                total += v;
            }
        }
        return total;
    }
}
