using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Api;

namespace KamajiKubeconfig.Sandbox.Discovery;

/// <summary>
/// /openapi/v3 as kubectl 1.32 needs it for `apply --server-side` with validation (A12): an index of group/versions,
/// and per group/version a document whose PATCH operations carry x-kubernetes-group-version-kind and a fieldValidation
/// parameter. CRD schemas are included so the documents describe the served kinds.
/// </summary>
public static class OpenApiDocuments
{
    public static JsonObject Index(ResourceRegistry registry)
    {
        var paths = new JsonObject();
        foreach (var gv in registry.All.Select(t => (t.Group, t.Version)).Distinct())
        {
            var key = gv.Group.Length == 0 ? $"api/{gv.Version}" : $"apis/{gv.Group}/{gv.Version}";
            var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(GroupVersion(registry, gv.Group, gv.Version).ToJsonString())));
            paths[key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{key}?hash={hash}" };
        }
        return new JsonObject { ["paths"] = paths };
    }

    public static JsonObject GroupVersion(ResourceRegistry registry, string group, string version)
    {
        var paths = new JsonObject();
        var schemas = new JsonObject();
        foreach (var t in registry.All.Where(t => t.Group == group && t.Version == version))
        {
            var prefix = group.Length == 0 ? $"/api/{version}" : $"/apis/{group}/{version}";
            var itemPath = t.Namespaced ? $"{prefix}/namespaces/{{namespace}}/{t.Plural}/{{name}}" : $"{prefix}/{t.Plural}/{{name}}";
            var gvk = new JsonObject { ["group"] = group, ["version"] = version, ["kind"] = t.Kind };
            paths[itemPath] = new JsonObject
            {
                ["get"] = Operation("read" + t.Kind, gvk, "get", []),
                ["put"] = Operation("replace" + t.Kind, gvk, "put", ["dryRun", "fieldManager", "fieldValidation"]),
                ["patch"] = Operation("patch" + t.Kind, gvk, "patch", ["dryRun", "fieldManager", "fieldValidation", "force"]),
                ["delete"] = Operation("delete" + t.Kind, gvk, "delete", ["dryRun", "gracePeriodSeconds", "propagationPolicy"]),
            };
            var schemaName = $"{(group.Length == 0 ? "io.k8s.api.core" : string.Join('.', group.Split('.').Reverse()))}.{version}.{t.Kind}";
            var schema = (t.Schema ?? BuiltInSchemas.For(t))?.DeepClone() as JsonObject ?? new JsonObject { ["type"] = "object" };
            if (t.IsCustom && schema["properties"] is JsonObject properties)
            {
                properties["metadata"] = BuiltInSchemas.ObjectMeta.DeepClone();
            }
            schema["x-kubernetes-group-version-kind"] = new JsonArray(gvk.DeepClone());
            schemas[schemaName] = schema;
        }
        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
    }

    private static JsonObject Operation(string id, JsonObject gvk, string action, string[] parameters) => new()
    {
        ["operationId"] = id,
        ["x-kubernetes-action"] = action,
        ["x-kubernetes-group-version-kind"] = gvk.DeepClone(),
        ["parameters"] = new JsonArray([.. parameters.Select(p => (JsonNode)new JsonObject
        {
            ["name"] = p,
            ["in"] = "query",
            ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
        })]),
        ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK" } },
    };
}
