using System.Text.Json.Nodes;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Tests.Informers.Integration;

/// <summary>Minimal valid bodies of the two Kamaji CRs (manifests/crds), labelled with a step.</summary>
internal static class CustomResources
{
    public static JsonObject Tenant(string ns, string name) => new()
    {
        ["apiVersion"] = WellKnown.ApiVersion,
        ["kind"] = WellKnown.TenantControlPlaneKind,
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["labels"] = new JsonObject { [Row.StepLabel] = "1" } },
        ["spec"] = new JsonObject
        {
            ["kubernetes"] = new JsonObject { ["version"] = "v1.32.0" },
            ["networkProfile"] = new JsonObject { ["port"] = 6443 },
        },
    };

    public static JsonObject Generator(string name) => new()
    {
        ["apiVersion"] = WellKnown.ApiVersion,
        ["kind"] = WellKnown.GeneratorKind,
        ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { [Row.StepLabel] = "1" } },
        ["spec"] = new JsonObject
        {
            ["namespaceSelector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["kubernetes.io/metadata.name"] = "default" } },
            ["user"] = new JsonObject { ["stringValue"] = "alice" },
            ["groups"] = new JsonArray(new JsonObject { ["stringValue"] = "ops" }),
            ["controlPlaneEndpointFrom"] = "admin.conf",
        },
    };
}
