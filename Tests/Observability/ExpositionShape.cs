using System.Text;

namespace KamajiKubeconfig.Tests.Observability;

/// <summary>
/// What a dashboard depends on in a scrape, values aside: each family's name, help and type, and each series'
/// name and labels as written. Families and series are sorted, so two expositions compare as text whatever
/// order their library writes them in. The build's version and runtime are placeholders (they change per build).
/// </summary>
internal static class ExpositionShape
{
    public static string Of(string exposition)
    {
        var families = new SortedDictionary<string, (string Help, string Type, SortedSet<string> Series)>(StringComparer.Ordinal);
        var help = string.Empty;
        var current = string.Empty;
        foreach (var line in exposition.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                help = line;
            }
            else if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                current = line.Split(' ')[2];
                families.Add(current, (help, line, new SortedSet<string>(StringComparer.Ordinal)));
            }
            else
            {
                // Every sample follows its family's header; the value is the text after the last space.
                Assert.That(line, Does.StartWith(current), "a sample outside its family");
                families[current].Series.Add(Placeholders(line[..line.LastIndexOf(' ')]));
            }
        }

        var shape = new StringBuilder();
        foreach (var (_, (familyHelp, type, series)) in families)
        {
            shape.Append(familyHelp).Append('\n').Append(type).Append('\n');
            foreach (var one in series)
            {
                shape.Append(one).Append('\n');
            }
        }

        return shape.ToString();
    }

    private static string Placeholders(string series) =>
        series.StartsWith("kubeconfig_generator_build_info{", StringComparison.Ordinal)
            ? "kubeconfig_generator_build_info{version=\"<version>\",runtime=\"<runtime>\"}"
            : series;
}
