using System.Text.Json.Nodes;

namespace KamajiKubeconfig.Tests.Manifests;

/// <summary>Each named-port check holds for the shipped manifests and catches a copy broken in memory.</summary>
public class PortCheckTests
{
    private static JsonObject Container(List<JsonObject> documents) =>
        documents.Only("Deployment")["spec"]!["template"]!["spec"]!["containers"]![0]!.AsObject();

    [Test]
    public async Task Shipped_EveryNamedPortResolves()
    {
        var documents = await ShippedManifests.LoadAsync();

        Assert.Multiple(() =>
        {
            Assert.That(PortChecks.ProbePortsNameContainerPorts(documents), Is.Empty);
            Assert.That(PortChecks.ServiceTargetPortsNameContainerPorts(documents), Is.Empty);
            Assert.That(PortChecks.ContainerPortNamesAreIanaServiceNames(documents), Is.Empty);
            Assert.That(PortChecks.ServiceMonitorPortsNameServicePorts(documents), Is.Empty);
        });
    }

    [Test]
    public async Task ProbePortsNameContainerPorts_ProbeNamesMissingPort_Complains()
    {
        var documents = await ShippedManifests.LoadAsync();
        Container(documents)["readinessProbe"]!["httpGet"]!["port"] = "probe";

        Assert.That(PortChecks.ProbePortsNameContainerPorts(documents), Is.EqualTo(new[]
        {
            "Deployment kamaji-system/kubeconfig-generator: spec.template.spec.containers[0].readinessProbe.httpGet.port \"probe\""
                + " names no port of container \"controller\" (metrics, probes)",
        }));
    }

    [Test]
    public async Task ServiceTargetPortsNameContainerPorts_TargetPortRenamed_Complains()
    {
        var documents = await ShippedManifests.LoadAsync();
        documents.Only("Service")["spec"]!["ports"]![0]!["targetPort"] = "http-metrics";

        Assert.That(PortChecks.ServiceTargetPortsNameContainerPorts(documents), Is.EqualTo(new[]
        {
            "Service kamaji-system/kubeconfig-generator-metrics: spec.ports[0].targetPort \"http-metrics\""
                + " names no container port of Deployment kamaji-system/kubeconfig-generator (metrics, probes)",
        }));
    }

    [Test]
    public async Task ContainerPortNamesAreIanaServiceNames_BadName_ComplainsWithTheApiServersMessages()
    {
        var documents = await ShippedManifests.LoadAsync();
        Container(documents)["ports"]![1]!["name"] = "Health_Probes_8091";

        Assert.That(PortChecks.ContainerPortNamesAreIanaServiceNames(documents), Is.EqualTo(new[]
        {
            "Deployment kamaji-system/kubeconfig-generator: spec.template.spec.containers[0].ports[1].name: Invalid value: \"Health_Probes_8091\": must be no more than 15 characters",
            "Deployment kamaji-system/kubeconfig-generator: spec.template.spec.containers[0].ports[1].name: Invalid value: \"Health_Probes_8091\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
        }));
    }

    [TestCase("metrics")]
    [TestCase("http-metrics")]
    [TestCase("p8090")]
    public void IanaServiceNameErrors_ValidName_None(string name) =>
        Assert.That(PortChecks.IanaServiceNameErrors(name), Is.Empty);

    [TestCase("8090", "must contain at least one letter (a-z)")]
    [TestCase("http--metrics", "must not contain consecutive hyphens")]
    [TestCase("-metrics", "must not begin or end with a hyphen")]
    public void IanaServiceNameErrors_InvalidName_Names(string name, string error) =>
        Assert.That(PortChecks.IanaServiceNameErrors(name), Is.EqualTo(new[] { error }));

    [Test]
    public async Task ServiceMonitorPortsNameServicePorts_EndpointNamesContainerPortNotServicePort_Complains()
    {
        var documents = await ShippedManifests.LoadAsync();
        documents.Only("ServiceMonitor")["spec"]!["endpoints"]![0]!["port"] = "probes";

        Assert.That(PortChecks.ServiceMonitorPortsNameServicePorts(documents), Is.EqualTo(new[]
        {
            "ServiceMonitor kamaji-system/kubeconfig-generator: spec.endpoints[0].port \"probes\" names no port of Service kamaji-system/kubeconfig-generator-metrics (metrics)",
        }));
    }
}
