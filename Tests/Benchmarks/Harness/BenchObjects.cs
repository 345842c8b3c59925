using System.Globalization;
using System.Text.Json.Nodes;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Benchmarks.Harness;

/// <summary>The objects the benchmark creates: namespaces, TenantControlPlanes and KubeconfigGenerators.</summary>
public static class BenchObjects
{
    public const string NamespacePrefix = "bench-";
    public const string NamespaceLabel = "bench.kamaji.clastix.io/scale";

    /// <summary>A TCP with this label leaves the selection of every generator (the "relabel out" event).</summary>
    public const string ExcludedLabel = "bench.kamaji.clastix.io/excluded";

    /// <summary>The label the RSA latency generator selects.</summary>
    public const string KeyLabel = "bench.kamaji.clastix.io/key";

    public static string Namespace(int n) => string.Create(CultureInfo.InvariantCulture, $"{NamespacePrefix}{n:D3}");

    public static string SeededTenant(int i) => string.Create(CultureInfo.InvariantCulture, $"tcp-{i}");

    public static string SecretName(string tcp, string generator) => $"{tcp}-{generator}";

    public static JsonObject NamespaceObject(string name) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Namespace",
        ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { [NamespaceLabel] = "scale" } },
    };

    public static JsonObject Tenant(string ns, string name, IReadOnlyDictionary<string, string>? labels = null) => new()
    {
        ["apiVersion"] = WellKnown.ApiVersion,
        ["kind"] = WellKnown.TenantControlPlaneKind,
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = ns,
            ["labels"] = new JsonObject((labels ?? new Dictionary<string, string>()).Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value))),
        },
        ["spec"] = new JsonObject
        {
            ["kubernetes"] = new JsonObject { ["version"] = "v1.32.0" },
            ["networkProfile"] = new JsonObject { ["port"] = 6443 },
        },
    };

    /// <summary>
    /// A generator over the benchmark's namespaces, user and one group taken from the TCP (so identities are
    /// resolved per tenant), with the admin.conf endpoint. <paramref name="tenantLabel"/> narrows it to TCPs
    /// carrying that label; every generator leaves out excluded TCPs.
    /// </summary>
    public static JsonObject Generator(string name, KeyAlgorithm key, (string Key, string Value)? tenantLabel = null)
    {
        var selector = new JsonObject
        {
            ["matchExpressions"] = new JsonArray(new JsonObject { ["key"] = ExcludedLabel, ["operator"] = "DoesNotExist" }),
        };
        if (tenantLabel is { } label)
        {
            selector["matchLabels"] = new JsonObject { [label.Key] = label.Value };
        }
        return new JsonObject
        {
            ["apiVersion"] = WellKnown.ApiVersion,
            ["kind"] = "KubeconfigGenerator",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = new JsonObject
            {
                ["namespaceSelector"] = new JsonObject { ["matchLabels"] = new JsonObject { [NamespaceLabel] = "scale" } },
                ["tenantControlPlaneSelector"] = selector,
                ["user"] = new JsonObject { ["fromDefinition"] = "metadata.name" },
                ["groups"] = new JsonArray(
                    new JsonObject { ["stringValue"] = "tenant-admins" },
                    new JsonObject { ["fromDefinition"] = "metadata.namespace" }),
                ["controlPlaneEndpointFrom"] = "admin.conf",
                ["certificate"] = new JsonObject { ["privateKey"] = new JsonObject { ["algorithm"] = key.Name() } },
            },
        };
    }
}
