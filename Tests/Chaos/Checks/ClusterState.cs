using System.Text.Json.Nodes;
using KamajiKubeconfig.Chaos.Infrastructure;

namespace KamajiKubeconfig.Chaos.Checks;

/// <summary>One read of everything the invariants look at, through the admin's eyes.</summary>
public sealed class ClusterState
{
    public const string GeneratorsPath = "/apis/kamaji.clastix.io/v1alpha1/kubeconfiggenerators";
    public const string TenantsPath = "/apis/kamaji.clastix.io/v1alpha1/tenantcontrolplanes";

    private ClusterState(List<JsonObject> generators, List<JsonObject> namespaces, List<JsonObject> tenants, List<JsonObject> secrets, List<JsonObject> events)
    {
        Generators = generators;
        Namespaces = namespaces.ToDictionary(n => n["metadata"]!["name"]!.GetValue<string>(), StringComparer.Ordinal);
        Tenants = tenants;
        Secrets = secrets.ToDictionary(Expectations.Key, StringComparer.Ordinal);
        Events = events;
    }

    public List<JsonObject> Generators { get; }
    public Dictionary<string, JsonObject> Namespaces { get; }
    public List<JsonObject> Tenants { get; }
    public Dictionary<string, JsonObject> Secrets { get; }
    public List<JsonObject> Events { get; }

    public static async Task<ClusterState> ReadAsync(ApiClient admin) => new(
        await admin.ListAsync(GeneratorsPath),
        await admin.ListAsync("/api/v1/namespaces"),
        await admin.ListAsync(TenantsPath),
        await admin.ListAsync("/api/v1/secrets"),
        await admin.ListAsync("/api/v1/events"));

    public JsonObject? Secret(string ns, string name) => Secrets.GetValueOrDefault($"{ns}/{name}");

    public static string Name(JsonObject o) => o["metadata"]?["name"]?.GetValue<string>() ?? "";

    public static string Namespace(JsonObject o) => o["metadata"]?["namespace"]?.GetValue<string>() ?? "";

    public static bool IsDeleting(JsonObject o) => o["metadata"]?["deletionTimestamp"] is not null;

    /// <summary>Warning Events recorded about a generator, oldest first.</summary>
    public IEnumerable<JsonObject> EventsFor(string generator) =>
        Events.Where(e => e["involvedObject"]?["kind"]?.ToString() == "KubeconfigGenerator" && e["involvedObject"]?["name"]?.ToString() == generator);
}
