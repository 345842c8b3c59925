using System.Text.Json.Nodes;
using KamajiKubeconfig.Chaos.Checks;

namespace KamajiKubeconfig.Chaos.Infrastructure;

/// <summary>Creates the objects of YAML manifests (the shipped RBAC) through the API, as kubectl create would.</summary>
public static class ManifestApplier
{
    public static async Task<int> ApplyDirectoryAsync(ApiClient admin, string directory)
    {
        var count = 0;
        foreach (var file in Directory.EnumerateFiles(directory, "*.yaml").Order(StringComparer.Ordinal))
        {
            var documents = YamlDocuments.TryParseAll(await File.ReadAllTextAsync(file), out var error)
                ?? throw new InvalidOperationException($"{file}: {error}");
            foreach (var document in documents.OfType<JsonObject>())
            {
                await admin.CreateAsync(CollectionPath(document), document);
                count++;
            }
        }
        return count;
    }

    private static string CollectionPath(JsonObject o)
    {
        var ns = o["metadata"]?["namespace"]?.GetValue<string>();
        return o["kind"]?.GetValue<string>() switch
        {
            "ServiceAccount" => $"/api/v1/namespaces/{ns}/serviceaccounts",
            "ClusterRole" => "/apis/rbac.authorization.k8s.io/v1/clusterroles",
            "ClusterRoleBinding" => "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings",
            "Role" => $"/apis/rbac.authorization.k8s.io/v1/namespaces/{ns}/roles",
            "RoleBinding" => $"/apis/rbac.authorization.k8s.io/v1/namespaces/{ns}/rolebindings",
            var kind => throw new InvalidOperationException($"unexpected kind {kind} in the RBAC manifests"),
        };
    }
}
