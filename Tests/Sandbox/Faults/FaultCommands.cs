using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Api;
using KamajiKubeconfig.Sandbox.Json;

namespace KamajiKubeconfig.Sandbox.Faults;

/// <summary>
/// The POST /sandbox/faults actions beyond fail/latency/closeWatches/compact/clear/restart (see the sandbox README):
/// targeted rules (subresource, user, time window, hanging), per-user latency, 410 windows, the request log, the
/// Secret ledger and the clock offset. Answers null for an action it does not know.
/// </summary>
public static class FaultCommands
{
    public static JsonObject? Apply(SandboxServer server, JsonObject body)
    {
        var faults = server.Faults;
        switch (body.GetString("action"))
        {
            case "rule":
                var hang = Int(body, "hangSeconds");
                var seconds = Int(body, "seconds");
                faults.Add(new FaultRule
                {
                    StatusCode = Int(body, "code") ?? (hang is null ? 500 : 504),
                    Verb = body.GetString("verb"),
                    Resource = body.GetString("resource"),
                    Subresource = body.GetString("subresource"),
                    User = body.GetString("user"),
                    Remaining = Int(body, "count") ?? int.MaxValue,
                    RetryAfterSeconds = Int(body, "retryAfterSeconds") ?? 1,
                    Mode = hang is null ? FaultMode.Fail : FaultMode.Hang,
                    HangFor = TimeSpan.FromSeconds(hang ?? 0),
                    Until = seconds is { } s ? DateTimeOffset.UtcNow.AddSeconds(s) : null,
                });
                return Ok();
            case "userLatency":
                faults.SetUserLatency(body.GetString("user") ?? "", TimeSpan.FromMilliseconds(Int(body, "milliseconds") ?? 0));
                return Ok();
            case "expire":
                faults.ExpireResourceVersions(DateTimeOffset.UtcNow.AddSeconds(Int(body, "seconds") ?? 5), body.GetString("user"));
                return Ok();
            case "requests":
                var records = faults.Requests.Since(body["after"]?.GetValue<long>() ?? 0, body["writesOnly"]?.GetValue<bool>() ?? false, body.GetString("user"));
                return new JsonObject
                {
                    ["last"] = faults.Requests.Last,
                    ["requests"] = new JsonArray([.. records.Select(r => (JsonNode)new JsonObject
                    {
                        ["sequence"] = r.Sequence,
                        ["time"] = r.Time.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                        ["user"] = r.User,
                        ["verb"] = r.Verb,
                        ["resource"] = r.Resource,
                        ["subresource"] = r.Subresource,
                        ["namespace"] = r.Namespace,
                        ["name"] = r.Name,
                        ["injected"] = r.InjectedCode,
                    })]),
                };
            case "ledger":
                faults.Ledger.Attach(server.Context.Store);
                return faults.Ledger.Snapshot();
            case "clock":
                if (server.Context.Clock is not SkewedClock skewed)
                {
                    throw StatusFactory.BadRequest("the sandbox was not started with a skewable clock");
                }
                skewed.Offset = TimeSpan.FromSeconds(Int(body, "offsetSeconds") ?? 0);
                return Ok();
            default:
                return null;
        }
    }

    private static int? Int(JsonObject body, string name) => body[name]?.GetValue<int>();

    private static JsonObject Ok() => new() { ["ok"] = true };
}
