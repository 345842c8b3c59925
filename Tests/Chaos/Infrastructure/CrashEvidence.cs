namespace KamajiKubeconfig.Chaos.Infrastructure;

/// <summary>The first line of a process log that tells why it died (stack overflow, unhandled exception), shortened.</summary>
public static class CrashEvidence
{
    private static readonly string[] Markers = ["Stack overflow", "Unhandled exception", "Fatal error", "OutOfMemory"];

    public static bool IsMarker(string line) => Markers.Any(m => line.StartsWith(m, StringComparison.Ordinal));

    public static string From(string logPath)
    {
        if (!File.Exists(logPath))
        {
            return "no log";
        }
        var line = File.ReadLines(logPath).FirstOrDefault(l => Markers.Any(m => l.Contains(m, StringComparison.Ordinal)));
        return line is null ? "no crash marker in the log" : line.Length > 200 ? line[..200] + "…" : line;
    }
}
