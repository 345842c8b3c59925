using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Api;

namespace KamajiKubeconfig.Sandbox.Discovery;

/// <summary>Legacy discovery (A12): /version, /api, /apis, /api/v1 and /apis/{group}/{version}.</summary>
public static class DiscoveryDocuments
{
    public static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = "v1.32.4",
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2025-04-22T16:00:13Z",
        ["goVersion"] = "go1.23.6",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    public static JsonObject CoreVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    public static JsonObject GroupList(ResourceRegistry registry) => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray([.. registry.Groups.Select(g => (JsonNode)Group(registry, g))]),
    };

    public static JsonObject Group(ResourceRegistry registry, string group)
    {
        var versions = registry.VersionsOf(group).ToList();
        return new JsonObject
        {
            ["kind"] = "APIGroup",
            ["apiVersion"] = "v1",
            ["name"] = group,
            ["versions"] = new JsonArray([.. versions.Select(v => (JsonNode)new JsonObject { ["groupVersion"] = $"{group}/{v}", ["version"] = v })]),
            ["preferredVersion"] = new JsonObject { ["groupVersion"] = $"{group}/{versions[0]}", ["version"] = versions[0] },
        };
    }

    /// <summary>The APIResourceList of a group/version, or null when nothing is served there.</summary>
    public static JsonObject? ResourceList(ResourceRegistry registry, string group, string version)
    {
        var types = registry.All.Where(t => t.Group == group && t.Version == version).ToList();
        if (types.Count == 0)
        {
            return null;
        }
        var resources = new JsonArray();
        foreach (var t in types)
        {
            var resource = new JsonObject
            {
                ["name"] = t.Plural,
                ["singularName"] = t.Singular,
                ["namespaced"] = t.Namespaced,
                ["kind"] = t.Kind,
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
            resource["storageVersionHash"] = Hash(t.StorageKey);
            resources.Add(resource);
            if (t.HasStatusSubresource)
            {
                resources.Add(Subresource(t, "status", ["get", "patch", "update"]));
            }
            if (t.StorageKey == BuiltInTypes.Namespaces.StorageKey)
            {
                resources.Add(Subresource(t, "finalize", ["update"]));
            }
        }
        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = resources,
        };
    }

    private static JsonObject Subresource(ResourceType t, string name, string[] verbs) => new()
    {
        ["name"] = $"{t.Plural}/{name}",
        ["singularName"] = "",
        ["namespaced"] = t.Namespaced,
        ["kind"] = t.Kind,
        ["verbs"] = new JsonArray([.. verbs.Select(v => (JsonNode)v)]),
    };

    private static string Hash(string key) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(key))[..8]);
}
