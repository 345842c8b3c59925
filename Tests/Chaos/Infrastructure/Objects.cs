using System.Text.Json.Nodes;

namespace KamajiKubeconfig.Chaos.Infrastructure;

/// <summary>Object bodies and API paths the harness creates (namespaces, TCPs, generators, Secrets).</summary>
public static class Objects
{
    public const string Group = "kamaji.clastix.io";
    public const string GeneratorsPath = "/apis/kamaji.clastix.io/v1alpha1/kubeconfiggenerators";

    public static string TenantsPath(string ns) => $"/apis/kamaji.clastix.io/v1alpha1/namespaces/{ns}/tenantcontrolplanes";

    public static string SecretsPath(string ns) => $"/api/v1/namespaces/{ns}/secrets";

    public static string Generator(string name) => $"{GeneratorsPath}/{Uri.EscapeDataString(name)}";

    public static string Tenant(string ns, string name) => $"{TenantsPath(ns)}/{Uri.EscapeDataString(name)}";

    public static string Secret(string ns, string name) => $"{SecretsPath(ns)}/{Uri.EscapeDataString(name)}";

    public static JsonObject Labels(params (string Key, string Value)[] labels) =>
        new(labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value)));

    public static JsonObject Namespace(string name, JsonObject? labels = null) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Namespace",
        ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = labels ?? [] },
    };

    public static JsonObject TenantControlPlane(string ns, string name, JsonObject? labels = null, JsonObject? annotations = null, JsonObject? spec = null) => new()
    {
        ["apiVersion"] = "kamaji.clastix.io/v1alpha1",
        ["kind"] = "TenantControlPlane",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["labels"] = labels ?? [], ["annotations"] = annotations ?? [] },
        ["spec"] = spec ?? new JsonObject
        {
            ["kubernetes"] = new JsonObject { ["version"] = "v1.32.0" },
            ["networkProfile"] = new JsonObject { ["port"] = 6443 },
        },
    };

    /// <summary>
    /// A generator over the namespaces named in <paramref name="namespaces"/> (by their kubernetes.io/metadata.name label),
    /// user alice, group ops, template admin.conf, ECDSA-P256 client keys (fast; RSA where a scenario needs the load).
    /// </summary>
    public static JsonObject Generator(string name, string[] namespaces, string algorithm = "ECDSA-P256", JsonObject? user = null, JsonArray? groups = null)
    {
        var selector = namespaces.Length == 1
            ? new JsonObject { ["matchLabels"] = new JsonObject { ["kubernetes.io/metadata.name"] = namespaces[0] } }
            : new JsonObject
            {
                ["matchExpressions"] = new JsonArray(new JsonObject
                {
                    ["key"] = "kubernetes.io/metadata.name",
                    ["operator"] = "In",
                    ["values"] = new JsonArray([.. namespaces.Select(n => (JsonNode)n)]),
                }),
            };
        return new JsonObject
        {
            ["apiVersion"] = "kamaji.clastix.io/v1alpha1",
            ["kind"] = "KubeconfigGenerator",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = new JsonObject
            {
                ["namespaceSelector"] = selector,
                ["user"] = user ?? new JsonObject { ["stringValue"] = "alice" },
                ["groups"] = groups ?? new JsonArray(new JsonObject { ["stringValue"] = "ops" }),
                ["controlPlaneEndpointFrom"] = "admin.conf",
                ["certificate"] = new JsonObject { ["privateKey"] = new JsonObject { ["algorithm"] = algorithm } },
            },
        };
    }

    public static JsonObject Secret(string ns, string name, JsonObject data, string type = "Opaque", JsonObject? labels = null, JsonArray? owners = null) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Secret",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["labels"] = labels ?? [], ["ownerReferences"] = owners ?? [] },
        ["type"] = type,
        ["data"] = data,
    };

    public static string B64(string text) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text));
}
