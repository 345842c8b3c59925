using System.Text.Json.Nodes;

namespace KamajiKubeconfig.Tests.Manifests;

/// <summary>Each selector check holds for the shipped manifests and catches a copy broken in memory.</summary>
public class SelectorCheckTests
{
    private static JsonObject TemplateLabels(List<JsonObject> documents) =>
        documents.Only("Deployment")["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();

    [Test]
    public async Task Shipped_EverySelectorFindsItsTarget()
    {
        var documents = await ShippedManifests.LoadAsync();

        Assert.Multiple(() =>
        {
            Assert.That(SelectorChecks.DeploymentsSelectTheirTemplate(documents), Is.Empty);
            Assert.That(SelectorChecks.ServicesSelectPods(documents), Is.Empty);
            Assert.That(SelectorChecks.DisruptionBudgetsSelectPods(documents), Is.Empty);
            Assert.That(SelectorChecks.ServiceMonitorsSelectServices(documents), Is.Empty);
        });
    }

    [Test]
    public async Task DeploymentsSelectTheirTemplate_TemplateLabelChanged_Complains()
    {
        var documents = await ShippedManifests.LoadAsync();
        TemplateLabels(documents)["app.kubernetes.io/component"] = "worker";

        Assert.That(SelectorChecks.DeploymentsSelectTheirTemplate(documents), Is.EqualTo(new[]
        {
            "Deployment kamaji-system/kubeconfig-generator: spec.selector app.kubernetes.io/component=controller,app.kubernetes.io/name=kubeconfig-generator"
                + " does not select spec.template.metadata.labels app.kubernetes.io/component=worker,app.kubernetes.io/name=kubeconfig-generator",
        }));
    }

    [Test]
    public async Task ServicesSelectPods_SelectorMisspelt_Complains()
    {
        var documents = await ShippedManifests.LoadAsync();
        documents.Only("Service")["spec"]!["selector"]!["app.kubernetes.io/name"] = "kubeconfig-generater";

        Assert.That(SelectorChecks.ServicesSelectPods(documents), Is.EqualTo(new[]
        {
            "Service kamaji-system/kubeconfig-generator-metrics: spec.selector app.kubernetes.io/component=controller,app.kubernetes.io/name=kubeconfig-generater"
                + " selects no pod template of a Deployment in namespace kamaji-system",
        }));
    }

    [Test]
    public async Task DisruptionBudgetsSelectPods_ExpressionExcludesThePods_Complains()
    {
        var documents = await ShippedManifests.LoadAsync();
        documents.Only("PodDisruptionBudget")["spec"]!["selector"]!["matchExpressions"] = new JsonArray(
            new JsonObject { ["key"] = "app.kubernetes.io/component", ["operator"] = "NotIn", ["values"] = new JsonArray("controller") });

        Assert.That(SelectorChecks.DisruptionBudgetsSelectPods(documents), Is.EqualTo(new[]
        {
            "PodDisruptionBudget kamaji-system/kubeconfig-generator: spec.selector app.kubernetes.io/component notin (controller),"
                + "app.kubernetes.io/component=controller,app.kubernetes.io/name=kubeconfig-generator selects no pod template of a Deployment in namespace kamaji-system",
        }));
    }

    [Test]
    public async Task ServiceMonitorsSelectServices_ServiceLabelDropped_Complains()
    {
        var documents = await ShippedManifests.LoadAsync();
        documents.Only("Service")["metadata"]!["labels"]!.AsObject().Remove("app.kubernetes.io/component");

        Assert.That(SelectorChecks.ServiceMonitorsSelectServices(documents), Is.EqualTo(new[]
        {
            "ServiceMonitor kamaji-system/kubeconfig-generator: spec.selector app.kubernetes.io/component=controller,app.kubernetes.io/name=kubeconfig-generator"
                + " selects no Service in namespace kamaji-system",
        }));
    }

    // Matching happens within the namespace: the same labels elsewhere are no target.
    [Test]
    public async Task ServicesSelectPods_DeploymentInAnotherNamespace_Complains()
    {
        var documents = await ShippedManifests.LoadAsync();
        documents.Only("Deployment")["metadata"]!["namespace"] = "elsewhere";

        Assert.That(SelectorChecks.ServicesSelectPods(documents), Has.Count.EqualTo(1).And.All.EndsWith("selects no pod template of a Deployment in namespace kamaji-system"));
    }
}
