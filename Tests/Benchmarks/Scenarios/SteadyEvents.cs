using System.Globalization;
using System.Text.Json.Nodes;
using KamajiKubeconfig.Benchmarks.Harness;
using KamajiKubeconfig.Benchmarks.Results;
using KamajiKubeconfig.Sandbox.Json;

namespace KamajiKubeconfig.Benchmarks.Scenarios;

/// <summary>
/// `steady_event_cost` at one level: K events of each kind on a converged controller, one at a time, each until the
/// sandbox shows its effect and the controller's CPU is quiet again. The TCPs touched are spread over the level.
/// </summary>
public static class SteadyEvents
{
    public static readonly string[] MattersKinds = ["relabel_out", "relabel_in", "new_tenant"];

    public static async Task<EventLevelResult> RunAsync(TenantLevel level, string generator)
    {
        var k = level.Plan.EventsPerKind;
        var targets = Enumerable.Range(0, k).Select(j => j * level.Tenants / k).Select(i => (Ns: level.Sandbox.Ns(i), Name: BenchObjects.SeededTenant(i))).ToList();
        var watch = level.Sandbox.Watch;
        var kinds = new Dictionary<string, EventKindResult>(StringComparer.Ordinal)
        {
            ["relabel_out"] = await MeasureAsync(level, targets.Select<(string Ns, string Name), Func<Task>>(t => () =>
            {
                level.Sandbox.EditTenant(t.Ns, t.Name, tcp => Labels(tcp)[BenchObjects.ExcludedLabel] = "true");
                return Poll.UntilAsync(() => !watch.Present(t.Ns, BenchObjects.SecretName(t.Name, generator)), TimeSpan.FromMinutes(2),
                    $"the Secret of {t.Name} to be pruned", level.Diagnostics, 5);
            })),
            ["relabel_in"] = await MeasureAsync(level, targets.Select<(string Ns, string Name), Func<Task>>(t => () =>
            {
                level.Sandbox.EditTenant(t.Ns, t.Name, tcp => Labels(tcp).Remove(BenchObjects.ExcludedLabel));
                return Poll.UntilAsync(() => watch.Present(t.Ns, BenchObjects.SecretName(t.Name, generator)), TimeSpan.FromMinutes(2),
                    $"the Secret of {t.Name} to be issued again", level.Diagnostics, 5);
            })),
            ["new_tenant"] = await MeasureAsync(level, targets.Select<(string Ns, string Name), Func<Task>>((t, j) => () =>
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"event-{j}");
                level.Sandbox.CreateTenant(t.Ns, name);
                return Poll.UntilAsync(() => watch.Present(t.Ns, BenchObjects.SecretName(name, generator)), TimeSpan.FromMinutes(2),
                    $"the Secret of new tenant {name}", level.Diagnostics, 5);
            })),
            ["irrelevant"] = await MeasureAsync(level, targets.Select<(string Ns, string Name), Func<Task>>(t => () =>
            {
                // A heartbeat-like status field: Kamaji writes such fields; no generator reads them.
                var stamp = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
                level.Sandbox.EditTenant(t.Ns, t.Name, tcp => tcp.Set(JsonValue.Create(stamp), "status", "kubernetesResources", "deployment", "lastUpdate"));
                return Task.Delay(100);
            })),
        };
        var matters = MattersKinds.Average(kind => kinds[kind].ControllerCpuMsPerEvent);
        level.Log($"events: " + string.Join(", ", kinds.Select(p => $"{p.Key} {p.Value.ControllerCpuMsPerEvent:F1} ms")));
        return new EventLevelResult(level.Tenants, Math.Round(level.IdleCores * 1000, 1), kinds, Round.Ms(matters));
    }

    private static JsonObject Labels(JsonObject tcp)
    {
        var metadata = tcp.Metadata();
        if (metadata["labels"] is not JsonObject labels)
        {
            metadata["labels"] = labels = new JsonObject();
        }
        return labels;
    }

    private static async Task<EventKindResult> MeasureAsync(TenantLevel level, IEnumerable<Func<Task>> events)
    {
        var scrapeBefore = await level.Controller.ScrapeAsync();
        var total = default(Interval);
        var count = 0;
        foreach (var happen in events)
        {
            var before = level.Mark();
            await happen();
            await level.QuietAsync();
            total += level.Mark() - before;
            count++;
        }
        var scrapeAfter = await level.Controller.ScrapeAsync();
        // The idle controller's own CPU over the same time is not the events' cost.
        var net = Math.Max(0, total.ControllerCpuSeconds - (level.IdleCores * total.WallSeconds));
        return new EventKindResult(
            count,
            Round.Ms(net * 1000 / count),
            Round.Ms(total.SandboxCpuSeconds * 1000 / count),
            Round.Ms(total.WallSeconds * 1000 / count),
            Math.Round((scrapeAfter.Sum(MetricsScrape.Passes) - scrapeBefore.Sum(MetricsScrape.Passes)) / count, 2),
            Math.Round((double)total.Writes / count, 2));
    }
}
