using System.Text.Json;
using System.Text.Json.Nodes;

namespace KamajiKubeconfig.Chaos.Checks;

/// <summary>
/// What a controller's JSON log must look like to be useful on a bad day (issues 10 and 15): an error that reports a
/// failure carries the exception (its stack trace), and probe or scrape requests are not logged at Information.
/// </summary>
public static class LogHygiene
{
    public static List<Violation> Check(string name, string logPath)
    {
        var failuresWithoutException = 0;
        var requestLines = 0;
        string? example = null;
        foreach (var line in File.ReadLines(logPath).Where(l => l.StartsWith('{')))
        {
            JsonObject? entry;
            try
            {
                entry = JsonNode.Parse(line) as JsonObject;
            }
            catch (JsonException)
            {
                continue;
            }
            var level = entry?["LogLevel"]?.ToString();
            var message = entry?["Message"]?.ToString() ?? "";
            if (level is "Error" or "Critical" && message.Contains("failed", StringComparison.OrdinalIgnoreCase) && entry?["Exception"] is null)
            {
                failuresWithoutException++;
                example ??= message.Length > 160 ? message[..160] + "…" : message;
            }
            if (level == "Information" && entry?["Category"]?.ToString() == "Microsoft.AspNetCore.Hosting.Diagnostics")
            {
                requestLines++;
            }
        }
        var violations = new List<Violation>();
        if (failuresWithoutException > 0)
        {
            violations.Add(new Violation($"{name} log", $"{failuresWithoutException} error lines report a failure without its exception (no stack trace), e.g. \"{example}\""));
        }
        if (requestLines > 0)
        {
            violations.Add(new Violation($"{name} log", $"{requestLines} Information lines for /readyz, /healthz and /metrics requests (Microsoft.AspNetCore.Hosting.Diagnostics): probes and scrapes should log at Debug"));
        }
        return violations;
    }
}
