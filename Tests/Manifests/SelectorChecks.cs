using System.Text.Json.Nodes;
using static KamajiKubeconfig.Tests.Manifests.LabelSelectors;
using static KamajiKubeconfig.Tests.Manifests.ShippedManifests;

namespace KamajiKubeconfig.Tests.Manifests;

/// <summary>
/// Selectors that must find their targets. Only the first is enforced by the API server; the others are accepted and
/// fail quietly at run time: a Service with no endpoints, a budget that protects nothing, a monitor that scrapes nothing.
/// </summary>
public static class SelectorChecks
{
    // The API server refuses it ("selector does not match template labels"): the Deployment would own no pods.
    public static IReadOnlyList<string> DeploymentsSelectTheirTemplate(IReadOnlyList<JsonObject> documents) =>
        [.. documents.OfKind("Deployment")
            .Where(d => !Selects(d["spec"]?["selector"], PodTemplates.Labels(d)))
            .Select(d => $"{Describe(d)}: spec.selector {Format(d["spec"]?["selector"])} does not select spec.template.metadata.labels {Format(d["spec"]?["template"]?["metadata"]?["labels"])}")];

    // A Service selecting no pods has no endpoints: the metrics port answers nothing.
    public static IReadOnlyList<string> ServicesSelectPods(IReadOnlyList<JsonObject> documents) =>
        [.. documents.OfKind("Service")
            .Where(s => s["spec"]?["selector"] is JsonObject)
            .Where(s => !PodTemplates.SelectedBy(documents, Namespace(s) ?? "default", labels => MapSelects(s["spec"]?["selector"], labels)).Any())
            .Select(s => $"{Describe(s)}: spec.selector {Format(s["spec"]?["selector"])} selects no pod template of a Deployment in namespace {Namespace(s) ?? "default"}")];

    // A budget selecting no pods protects nothing: a node drain may evict both replicas at once.
    public static IReadOnlyList<string> DisruptionBudgetsSelectPods(IReadOnlyList<JsonObject> documents) =>
        [.. documents.OfKind("PodDisruptionBudget")
            .Where(b => !PodTemplates.SelectedBy(documents, Namespace(b) ?? "default", labels => Selects(b["spec"]?["selector"], labels)).Any())
            .Select(b => $"{Describe(b)}: spec.selector {Format(b["spec"]?["selector"])} selects no pod template of a Deployment in namespace {Namespace(b) ?? "default"}")];

    // The Prometheus Operator finds scrape targets through Services by label: no match, no metrics, no error.
    public static IReadOnlyList<string> ServiceMonitorsSelectServices(IReadOnlyList<JsonObject> documents) =>
        [.. documents.OfKind("ServiceMonitor")
            .Where(m => !SelectedServices(documents, m).Any())
            .Select(m => $"{Describe(m)}: spec.selector {Format(m["spec"]?["selector"])} selects no Service in namespace {Namespace(m) ?? "default"}")];

    /// <summary>The Services a ServiceMonitor scrapes: by label, in its own namespace unless namespaceSelector says otherwise.</summary>
    public static IEnumerable<JsonObject> SelectedServices(IReadOnlyList<JsonObject> documents, JsonObject monitor)
    {
        var namespaces = monitor["spec"]?["namespaceSelector"];
        var any = (bool?)namespaces?["any"] == true;
        var names = (namespaces?["matchNames"] as JsonArray)?.Select(n => n?.ToString()).ToHashSet() ?? [Namespace(monitor) ?? "default"];
        return documents.OfKind("Service")
            .Where(s => any || names.Contains(Namespace(s) ?? "default"))
            .Where(s => Selects(monitor["spec"]?["selector"], Labels(s["metadata"]?["labels"])));
    }
}
