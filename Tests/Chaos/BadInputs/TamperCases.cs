using System.Text.Json.Nodes;
using KamajiKubeconfig.Chaos.Fixtures;
using KamajiKubeconfig.Chaos.Infrastructure;

namespace KamajiKubeconfig.Chaos.BadInputs;

/// <summary>
/// Someone with write access to Secrets or to the generator's status plants something (issues 14 and 15): an exec
/// plugin and a token in a generated kubeconfig, a 100,000-deep YAML value, stale status errors. Each must be undone.
/// </summary>
public static class TamperCases
{
    public static IEnumerable<BadInputCase> All() =>
    [
        Planted("generated-kubeconfig-exec-and-token-injected", "15 injected exec", value => value.Replace("    client-key-data:",
            "    token: stolen\n    exec: {apiVersion: client.authentication.k8s.io/v1, command: sh, args: [-c, id]}\n    client-key-data:", StringComparison.Ordinal)),
        Planted("generated-value-100000-nested-sequences", "14 hostile YAML", _ => new string('[', 100_000) + new string(']', 100_000), isolated: true),
        new()
        {
            Name = "stale-status-errors-from-another-writer",
            Source = "15 stale status",
            Accept = Signal.Valid,
            SetupAsync = async c =>
            {
                await HealthyAsync(c);
                await c.Admin.MergePatchAsync(Objects.Generator(c.Generator) + "/status", new JsonObject
                {
                    ["status"] = new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["resource"] = "gone/tcp", ["message"] = "stale error written by another writer" }) },
                });
            },
        },
    ];

    private static async Task HealthyAsync(CaseContext c)
    {
        await c.NamespaceAsync();
        await c.KamajiTenantAsync();
        c.Resource = c.Tenant();
        await c.GeneratorAsync(c.GeneratorBody());
        if (await Poll.UntilAsync(async () => (await c.World.CheckClusterAsync(c.Scope)).Count == 0, TimeSpan.FromSeconds(20)) is null)
        {
            throw new InvalidOperationException("the healthy generator did not converge before the tampering");
        }
    }

    /// <summary>A valid kubeconfig Secret whose value is then rewritten: it must be repaired (valid again), nothing else harmed.</summary>
    private static BadInputCase Planted(string name, string source, Func<string, string> edit, bool isolated = false) => new()
    {
        Name = name,
        Source = source,
        Accept = Signal.Valid,
        Isolated = isolated,
        SetupAsync = async c =>
        {
            await HealthyAsync(c);
            var path = Objects.Secret(c.Namespace, $"tcp-{c.Generator}");
            var secret = await c.Admin.GetAsync(path) ?? throw new InvalidOperationException("no Secret to tamper with");
            var value = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(secret["data"]!["value"]!.GetValue<string>()));
            await c.Admin.MergePatchAsync(path, new JsonObject { ["data"] = new JsonObject { ["value"] = TenantPki.B64(edit(value)) } });
        },
    };
}
