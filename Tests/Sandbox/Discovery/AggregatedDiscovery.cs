using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Api;
using Microsoft.AspNetCore.Http;

namespace KamajiKubeconfig.Sandbox.Discovery;

/// <summary>
/// Aggregated discovery (apidiscovery.k8s.io/v2 APIGroupDiscoveryList) for /api and /apis, which kubectl 1.32 asks for
/// first (A12). Served only when the Accept header asks for it; the Content-Type then says so, as kubectl requires.
/// </summary>
public static class AggregatedDiscovery
{
    public const string ContentType = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

    public static bool Wanted(HttpContext http) =>
        http.Request.Headers.Accept.ToString().Split(',').Select(a => a.Replace(" ", "", StringComparison.Ordinal))
            .TakeWhile(a => a.Contains("as=APIGroupDiscoveryList", StringComparison.Ordinal) || !a.StartsWith("application/json", StringComparison.Ordinal))
            .Any(a => a.Contains("g=apidiscovery.k8s.io", StringComparison.Ordinal) && a.Contains("v=v2;", StringComparison.Ordinal) || a.EndsWith("v=v2", StringComparison.Ordinal) && a.Contains("as=APIGroupDiscoveryList", StringComparison.Ordinal));

    /// <summary>The list for the core group (/api) or for all named groups (/apis).</summary>
    public static JsonObject List(ResourceRegistry registry, bool core)
    {
        var groups = core ? [""] : registry.Groups.ToList();
        var items = new JsonArray();
        foreach (var group in groups)
        {
            var versions = new JsonArray();
            foreach (var version in registry.VersionsOf(group))
            {
                var resources = new JsonArray();
                foreach (var t in registry.All.Where(t => t.Group == group && t.Version == version))
                {
                    resources.Add(Resource(t));
                }
                versions.Add(new JsonObject { ["version"] = version, ["resources"] = resources, ["freshness"] = "Current" });
            }
            items.Add(new JsonObject
            {
                ["metadata"] = group.Length == 0 ? new JsonObject { ["creationTimestamp"] = null } : new JsonObject { ["name"] = group, ["creationTimestamp"] = null },
                ["versions"] = versions,
            });
        }
        return new JsonObject
        {
            ["kind"] = "APIGroupDiscoveryList",
            ["apiVersion"] = "apidiscovery.k8s.io/v2",
            ["metadata"] = new JsonObject(),
            ["items"] = items,
        };
    }

    private static JsonObject Resource(ResourceType t)
    {
        var resource = new JsonObject
        {
            ["resource"] = t.Plural,
            ["responseKind"] = new JsonObject { ["group"] = t.Group, ["version"] = t.Version, ["kind"] = t.Kind },
            ["scope"] = t.Namespaced ? "Namespaced" : "Cluster",
            ["singularResource"] = t.Singular,
            ["verbs"] = new JsonArray([.. t.Verbs.Select(v => (JsonNode)v)]),
        };
        if (t.ShortNames.Count > 0)
        {
            resource["shortNames"] = new JsonArray([.. t.ShortNames.Select(s => (JsonNode)s)]);
        }
        if (t.Categories.Count > 0)
        {
            resource["categories"] = new JsonArray([.. t.Categories.Select(s => (JsonNode)s)]);
        }
        var subresources = new JsonArray();
        if (t.HasStatusSubresource)
        {
            subresources.Add(Subresource(t, "status", ["get", "patch", "update"]));
        }
        if (t.StorageKey == BuiltInTypes.Namespaces.StorageKey)
        {
            subresources.Add(Subresource(t, "finalize", ["update"]));
        }
        if (subresources.Count > 0)
        {
            resource["subresources"] = subresources;
        }
        return resource;
    }

    private static JsonObject Subresource(ResourceType t, string name, string[] verbs) => new()
    {
        ["subresource"] = name,
        ["responseKind"] = new JsonObject { ["group"] = t.Group, ["version"] = t.Version, ["kind"] = t.Kind },
        ["verbs"] = new JsonArray([.. verbs.Select(v => (JsonNode)v)]),
    };
}
