using System.Text.Json.Nodes;
using KamajiKubeconfig.Chaos.Infrastructure;

namespace KamajiKubeconfig.Chaos.BadInputs;

/// <summary>
/// Objects an informer may fail to decode (issues 14 and 15): a TCP nested deeper than the C# client's JSON reader
/// allows by default (legal for kube-apiserver). Other TCPs must keep flowing; while an informer cannot sync, /readyz
/// must say so. Run alone: they can stall the shared controller.
/// </summary>
public static class PoisonCases
{
    /// <summary>
    /// Objects nested under spec.deep: the TCP is 64 levels deep, the most the sandbox stores (its JSON reader stops
    /// at 64; kube-apiserver accepts far deeper); a list of it is 66 levels, past the C# client's default of 64.
    /// </summary>
    public const int NestingLevels = 57;

    public static IEnumerable<BadInputCase> All() =>
    [
        new()
        {
            Name = "tcp-nested-64-levels-then-a-normal-tcp",
            Source = "14 informer stall",
            Accept = Signal.Valid,
            Isolated = true,
            Deadline = TimeSpan.FromSeconds(30),
            NoEndingMeans = "the TCP created after the deep one got no Secret: the TCP informer is stalled",
            SetupAsync = async c =>
            {
                await DeepTenantThenNormalAsync(c);
                c.Resource = c.Tenant();
            },
        },
        new()
        {
            Name = "readyz-while-an-informer-is-stuck",
            Source = "15 readiness",
            Accept = Signal.Valid | Signal.Probe,
            Isolated = true,
            SkipInvariants = true,
            Deadline = TimeSpan.FromSeconds(45),
            NoEndingMeans = "/readyz stayed ok although the TCP informer could not sync (a TCP created after the deep one got no Secret)",
            SetupAsync = DeepTenantThenNormalAsync,
            EndingAsync = async c =>
                await c.Admin.GetAsync(Objects.Secret(c.Namespace, $"tcp-{c.Generator}")) is not null ? ("handled: the informer kept flowing", "")
                : !await c.World.Controllers[0].IsReadyAsync() ? ("readyz", "/readyz not ok while the TCP informer cannot sync")
                : null,
        },
    ];

    /// <summary>A TCP nested 64 levels deep (excluded by the generator's selector), then a normal TCP the generator selects.</summary>
    private static async Task DeepTenantThenNormalAsync(CaseContext c)
    {
        await c.NamespaceAsync();
        var body = c.GeneratorBody();
        body["spec"]!["tenantControlPlaneSelector"] = new JsonObject
        {
            ["matchExpressions"] = new JsonArray(new JsonObject { ["key"] = "deep", ["operator"] = "DoesNotExist" }),
        };
        await c.GeneratorAsync(body);
        JsonNode nested = new JsonObject { ["leaf"] = "x" };
        for (var i = 0; i < NestingLevels - 1; i++)
        {
            nested = new JsonObject { ["n"] = nested };
        }
        var spec = new JsonObject
        {
            ["kubernetes"] = new JsonObject { ["version"] = "v1.32.0" },
            ["networkProfile"] = new JsonObject { ["port"] = 6443 },
            ["deep"] = nested,
        };
        await c.World.CreateTenantAsync(c.Namespace, "deep", Objects.Labels(("deep", "yes")), spec: spec);
        await Task.Delay(2000);
        await c.KamajiTenantAsync();
    }
}
