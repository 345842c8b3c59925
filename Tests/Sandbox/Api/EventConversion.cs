using System.Text.Json.Nodes;

namespace KamajiKubeconfig.Sandbox.Api;

/// <summary>core/v1 Events are stored once and also served as events.k8s.io/v1 (A1); these map the renamed fields.</summary>
public static class EventConversion
{
    private static readonly (string Core, string V1)[] Renames =
    [
        ("involvedObject", "regarding"),
        ("message", "note"),
        ("source", "deprecatedSource"),
        ("firstTimestamp", "deprecatedFirstTimestamp"),
        ("lastTimestamp", "deprecatedLastTimestamp"),
        ("count", "deprecatedCount"),
        ("reportingComponent", "reportingController"),
    ];

    public static JsonObject CoreToEventsV1(JsonObject core) => Rename(core, toV1: true);

    public static JsonObject EventsV1ToCore(JsonObject v1) => Rename(v1, toV1: false);

    private static JsonObject Rename(JsonObject obj, bool toV1)
    {
        foreach (var (core, v1) in Renames)
        {
            var (from, to) = toV1 ? (core, v1) : (v1, core);
            if (obj.ContainsKey(from))
            {
                var value = obj[from];
                obj.Remove(from);
                obj[to] = value;
            }
        }
        return obj;
    }
}
