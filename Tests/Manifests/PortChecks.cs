using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static KamajiKubeconfig.Tests.Manifests.ShippedManifests;

namespace KamajiKubeconfig.Tests.Manifests;

/// <summary>
/// Ports referred to by name. The API server checks only the names' syntax; a name that points nowhere is accepted
/// and shows up later as a failing probe, a Service without a target, or a monitor that scrapes nothing.
/// </summary>
public static partial class PortChecks
{
    private static readonly string[] Probes = ["livenessProbe", "readinessProbe", "startupProbe"];

    // The kubelet resolves a probe's named port among the probed container's own ports; no match, no healthy pod.
    public static IReadOnlyList<string> ProbePortsNameContainerPorts(IReadOnlyList<JsonObject> documents) =>
        [.. from d in documents.OfKind("Deployment")
            from c in PodTemplates.Containers(d)
            from probe in Probes
            from handler in new[] { "httpGet", "tcpSocket" }
            let port = c.Container[probe]?[handler]?["port"]
            where port is JsonValue v && v.TryGetValue<string>(out var name) && !PodTemplates.PortNames(c.Container).Contains(name)
            select $"{Describe(d)}: {c.Path}.{probe}.{handler}.port {port!.ToJsonString()} names no port of container {c.Container["name"]?.ToJsonString()} ({string.Join(", ", PodTemplates.PortNames(c.Container))})"];

    // A named targetPort is looked up in each selected pod; where it is missing the pod is no endpoint of the port.
    public static IReadOnlyList<string> ServiceTargetPortsNameContainerPorts(IReadOnlyList<JsonObject> documents) =>
        [.. from s in documents.OfKind("Service")
            where s["spec"]?["selector"] is JsonObject
            from d in PodTemplates.SelectedBy(documents, Namespace(s) ?? "default", labels => LabelSelectors.MapSelects(s["spec"]?["selector"], labels))
            let names = PodTemplates.Containers(d).SelectMany(c => PodTemplates.PortNames(c.Container)).ToList()
            from p in (s["spec"]?["ports"] as JsonArray ?? []).Select((port, i) => (Port: port, Index: i))
            let target = p.Port?["targetPort"]
            where target is JsonValue v && v.TryGetValue<string>(out var name) && !names.Contains(name)
            select $"{Describe(s)}: spec.ports[{p.Index}].targetPort {target!.ToJsonString()} names no container port of {Describe(d)} ({string.Join(", ", names)})"];

    // Container port names must be IANA_SVC_NAMEs; the API server's messages, one per broken rule.
    public static IReadOnlyList<string> ContainerPortNamesAreIanaServiceNames(IReadOnlyList<JsonObject> documents) =>
        [.. from d in documents.OfKind("Deployment")
            from c in PodTemplates.Containers(d)
            from p in (c.Container["ports"] as JsonArray ?? []).Select((port, i) => (Name: (string?)port?["name"], Index: i))
            where p.Name is not null
            from error in IanaServiceNameErrors(p.Name)
            select $"{Describe(d)}: {c.Path}.ports[{p.Index}].name: Invalid value: \"{p.Name}\": {error}"];

    // The Operator looks the endpoint's port up by name among the selected Service's ports.
    public static IReadOnlyList<string> ServiceMonitorPortsNameServicePorts(IReadOnlyList<JsonObject> documents) =>
        [.. from m in documents.OfKind("ServiceMonitor")
            from s in SelectorChecks.SelectedServices(documents, m)
            let names = (s["spec"]?["ports"] as JsonArray ?? []).Select(p => (string?)p?["name"]).OfType<string>().ToList()
            from e in (m["spec"]?["endpoints"] as JsonArray ?? []).Select((endpoint, i) => (Port: endpoint?["port"], Index: i))
            where e.Port is JsonValue v && v.TryGetValue<string>(out var name) && !names.Contains(name)
            select $"{Describe(m)}: spec.endpoints[{e.Index}].port {e.Port!.ToJsonString()} names no port of {Describe(s)} ({string.Join(", ", names)})"];

    /// <summary>apimachinery's validation.IsValidPortName.</summary>
    public static IEnumerable<string> IanaServiceNameErrors(string name)
    {
        if (name.Length > 15)
        {
            yield return "must be no more than 15 characters";
        }
        if (!Charset().IsMatch(name))
        {
            yield return "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)";
        }
        if (!OneLetter().IsMatch(name))
        {
            yield return "must contain at least one letter (a-z)";
        }
        if (name.Contains("--", StringComparison.Ordinal))
        {
            yield return "must not contain consecutive hyphens";
        }
        if (name.Length > 0 && (name[0] == '-' || name[^1] == '-'))
        {
            yield return "must not begin or end with a hyphen";
        }
    }

    [GeneratedRegex("^[-a-z0-9]+$")]
    private static partial Regex Charset();

    [GeneratedRegex("[a-z]")]
    private static partial Regex OneLetter();
}
