using System.Text.Json.Nodes;

namespace KamajiKubeconfig.Chaos.Infrastructure;

/// <summary>The sandbox's admin endpoints (/sandbox/faults, /sandbox/kamaji, /sandbox/rbac, /sandbox/users) as typed calls.</summary>
public sealed class SandboxAdmin(ApiClient admin)
{
    /// <summary>A targeted fault rule; null fields match anything. <paramref name="seconds"/> bounds it in time.</summary>
    public Task RuleAsync(int code, string? verb = null, string? resource = null, string? subresource = null, string? user = null,
        int? count = null, int? seconds = null, int retryAfterSeconds = 1, int? hangSeconds = null) =>
        FaultAsync(new JsonObject
        {
            ["action"] = "rule",
            ["code"] = code,
            ["verb"] = verb,
            ["resource"] = resource,
            ["subresource"] = subresource,
            ["user"] = user,
            ["count"] = count,
            ["seconds"] = seconds,
            ["retryAfterSeconds"] = retryAfterSeconds,
            ["hangSeconds"] = hangSeconds,
        });

    public Task UserLatencyAsync(string user, TimeSpan delay) =>
        FaultAsync(new JsonObject { ["action"] = "userLatency", ["user"] = user, ["milliseconds"] = (int)delay.TotalMilliseconds });

    public Task ExpireAsync(TimeSpan window, string? user = null) =>
        FaultAsync(new JsonObject { ["action"] = "expire", ["seconds"] = (int)window.TotalSeconds, ["user"] = user });

    public Task CloseWatchesAsync() => FaultAsync(new JsonObject { ["action"] = "closeWatches" });

    public Task CompactAsync() => FaultAsync(new JsonObject { ["action"] = "compact" });

    public Task ClearAsync() => FaultAsync(new JsonObject { ["action"] = "clear" });

    /// <summary>Stops listening for <paramref name="downtime"/> (connections refused), then serves again with its state.</summary>
    public Task RestartAsync(TimeSpan downtime) =>
        FaultAsync(new JsonObject { ["action"] = "restart", ["downtimeMilliseconds"] = (int)downtime.TotalMilliseconds });

    public Task ClockAsync(TimeSpan offset) => FaultAsync(new JsonObject { ["action"] = "clock", ["offsetSeconds"] = (int)offset.TotalSeconds });

    /// <summary>The request log after <paramref name="after"/>: (last sequence, records).</summary>
    public async Task<(long Last, List<RequestEntry> Requests)> RequestsAsync(long after, bool writesOnly, string? user)
    {
        var answer = await FaultAsync(new JsonObject { ["action"] = "requests", ["after"] = after, ["writesOnly"] = writesOnly, ["user"] = user });
        var list = (answer?["requests"] as JsonArray ?? []).OfType<JsonObject>().Select(RequestEntry.From).ToList();
        return (answer?["last"]?.GetValue<long>() ?? after, list);
    }

    public async Task<long> LastRequestAsync() => (await RequestsAsync(long.MaxValue, true, null)).Last;

    /// <summary>Distinct certificates per generated Secret and every private key ever stored, from inside the store.</summary>
    public async Task<Ledger> LedgerAsync() => Ledger.From(await FaultAsync(new JsonObject { ["action"] = "ledger" }) ?? []);

    public Task RotateCaAsync(string ns, string tcp) =>
        PostAsync("/sandbox/kamaji", new JsonObject { ["rotate"] = new JsonObject { ["namespace"] = ns, ["name"] = tcp } });

    public Task EnableRbacAsync() => PostAsync("/sandbox/rbac", new JsonObject { ["enabled"] = true });

    /// <summary>A bearer token (and kubeconfig) for system:serviceaccount:NS:NAME.</summary>
    public async Task<string> ServiceAccountTokenAsync(string ns, string name)
    {
        var answer = await PostAsync("/sandbox/users", new JsonObject { ["serviceAccount"] = new JsonObject { ["namespace"] = ns, ["name"] = name } });
        return answer?["token"]?.GetValue<string>() ?? throw new InvalidOperationException("no token");
    }

    private Task<JsonObject?> FaultAsync(JsonObject body) => PostAsync("/sandbox/faults", body);

    private async Task<JsonObject?> PostAsync(string path, JsonObject body)
    {
        var (code, answer) = await admin.SendAsync(HttpMethod.Post, path, body.ToJsonString(), "application/json");
        if ((int)code >= 300)
        {
            throw new ApiException(code, $"{path}: {answer?.ToJsonString()}");
        }
        return answer as JsonObject;
    }
}
