namespace KamajiKubeconfig.Tests.Observability;

/// <summary>Reads an exposition back into "series as written" → value, for asserting on a few series.</summary>
internal static class Scrape
{
    public static Dictionary<string, double> Parse(string exposition)
    {
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in exposition.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            var space = line.LastIndexOf(' ');
            var value = line[(space + 1)..] switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                "NaN" => double.NaN,
                var text => double.Parse(text, System.Globalization.CultureInfo.InvariantCulture),
            };
            // A duplicate series would be a bug in the exposition: Add throws on it.
            samples.Add(line[..space], value);
        }

        return samples;
    }
}
