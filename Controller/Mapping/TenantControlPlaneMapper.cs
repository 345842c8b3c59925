using System.Text.Json;
using System.Text.Json.Nodes;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Mapping;

/// <summary>
/// Maps a TenantControlPlane (JSON) to the reconcile model. The document is kept for <c>fromDefinition</c>, minus
/// <c>managedFields</c> and the last-applied annotation: they are large, and a path into them is no use.
/// </summary>
public static class TenantControlPlaneMapper
{
    private const string LastApplied = "kubectl.kubernetes.io/last-applied-configuration";

    public static TenantControlPlane FromJson(JsonElement tcp)
    {
        var trimmed = Trim(tcp);
        var metadata = trimmed.Child("metadata");
        return new TenantControlPlane(
            metadata?.Child("namespace").String() ?? "",
            metadata?.Child("name").String() ?? "",
            metadata?.Child("uid").String() ?? "",
            metadata?.Child("labels").StringMap() ?? SortedMap.Empty,
            metadata?.Child("annotations").StringMap() ?? SortedMap.Empty,
            trimmed.Path("status", "kubeconfig", "admin", "secretName").String(),
            trimmed.Path("status", "certificates", "ca", "secretName").String(),
            trimmed)
        {
            ResourceVersion = metadata?.Child("resourceVersion").String() ?? "",
        };
    }

    private static JsonElement Trim(JsonElement tcp)
    {
        var node = JsonNode.Parse(tcp.GetRawText())!.AsObject();
        if (node["metadata"] is JsonObject metadata)
        {
            metadata.Remove("managedFields");
            (metadata["annotations"] as JsonObject)?.Remove(LastApplied);
        }
        using var document = JsonDocument.Parse(node.ToJsonString());
        return document.RootElement.Clone();
    }
}
