using System.Text.Json.Nodes;

namespace KamajiKubeconfig.Tests.Manifests;

/// <summary>Where the cross-reference checks find pods: the template of each Deployment (our only workload kind).</summary>
public static class PodTemplates
{
    public static Dictionary<string, string> Labels(JsonObject deployment) =>
        LabelSelectors.Labels(deployment["spec"]?["template"]?["metadata"]?["labels"]);

    /// <summary>Init and regular containers with their JSON path, e.g. "spec.template.spec.containers[0]".</summary>
    public static IEnumerable<(string Path, JsonObject Container)> Containers(JsonObject deployment)
    {
        foreach (var list in new[] { "initContainers", "containers" })
        {
            if (deployment["spec"]?["template"]?["spec"]?[list] is JsonArray items)
            {
                for (var i = 0; i < items.Count; i++)
                {
                    if (items[i] is JsonObject container)
                    {
                        yield return ($"spec.template.spec.{list}[{i}]", container);
                    }
                }
            }
        }
    }

    public static List<string> PortNames(JsonObject container) =>
        [.. (container["ports"] as JsonArray ?? []).Select(p => (string?)p?["name"]).OfType<string>()];

    /// <summary>The Deployments in a namespace whose pods a selector picks.</summary>
    public static IEnumerable<JsonObject> SelectedBy(IEnumerable<JsonObject> documents, string ns, Func<Dictionary<string, string>, bool> selects) =>
        documents.OfKind("Deployment").Where(d => (ShippedManifests.Namespace(d) ?? "default") == ns && selects(Labels(d)));
}
