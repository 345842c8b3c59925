using System.Text.Json.Nodes;
using KamajiKubeconfig.Chaos.Checks;

namespace KamajiKubeconfig.Chaos.BadInputs;

/// <summary>Hostile generator specs beyond identities and selectors (issues 10 and 14).</summary>
public static class SpecCases
{
    public static IEnumerable<BadInputCase> All() =>
    [
        new()
        {
            Name = "validity-80000000h",
            Source = "14 one bad tenant",
            Accept = Signal.Admission | Signal.Status | Signal.Event,
            SetupAsync = async c =>
            {
                await c.NamespaceAsync();
                await c.KamajiTenantAsync();
                c.Resource = "spec.|" + c.Tenant();
                c.World.Expect.SpecProblem(c.Generator, "validity 80000000h (9,000 years)");
                var body = c.GeneratorBody();
                body["spec"]!["certificate"]!["validity"] = "80000000h";
                await c.GeneratorAsync(body);
            },
        },
        new()
        {
            Name = "secret-template-overriding-our-labels",
            Source = "10 spec",
            Accept = Signal.Admission | Signal.Valid,
            SetupAsync = async c =>
            {
                await c.NamespaceAsync();
                await c.KamajiTenantAsync();
                c.Resource = c.Tenant();
                var body = c.GeneratorBody();
                body["spec"]!["secretTemplate"] = new JsonObject
                {
                    ["labels"] = new JsonObject { ["kamaji.clastix.io/managed-by"] = "evil", ["kamaji.clastix.io/managed-for"] = "other" },
                    ["annotations"] = new JsonObject { ["certs.kamaji.clastix.io/rotate"] = "" },
                };
                await c.GeneratorAsync(body);
            },
        },
        new()
        {
            Name = "control-plane-endpoint-from-traversal",
            Source = "10 spec",
            SetupAsync = async c =>
            {
                await c.NamespaceAsync();
                await c.KamajiTenantAsync();
                c.Resource = c.Tenant();
                c.Outcome("tcp", PairOutcome.Error);
                var body = c.GeneratorBody();
                body["spec"]!["controlPlaneEndpointFrom"] = "../../kube-system/secrets/x";
                await c.GeneratorAsync(body);
            },
        },
    ];
}
