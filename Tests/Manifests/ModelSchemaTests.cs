using System.Text.Json.Nodes;
using k8s.Models;
using KamajiKubeconfig.Sandbox.Json;

namespace KamajiKubeconfig.Tests.Manifests;

/// <summary>Built-in kinds of the shipped manifests against the Kubernetes models: the schema check the sandbox lacks.</summary>
public class ModelSchemaTests
{
    private static async Task<List<JsonObject>> ShippedAsync() => await ShippedManifests.LoadAsync();

    private static JsonObject Container(List<JsonObject> documents) =>
        documents.Only("Deployment")["spec"]!["template"]!["spec"]!["containers"]![0]!.AsObject();

    private static List<string> Complaints(IEnumerable<JsonObject> documents) =>
        [.. from d in documents
            let model = ModelSchema.ModelFor((string?)d["apiVersion"] ?? "", (string?)d["kind"] ?? "")
            where model is not null
            from complaint in ModelSchema.Check(d, model)
            select $"{ShippedManifests.Describe(d)}: {complaint}"];

    [TestCase("apps/v1", "Deployment", typeof(V1Deployment))]
    [TestCase("v1", "Service", typeof(V1Service))]
    [TestCase("v1", "ServiceAccount", typeof(V1ServiceAccount))]
    [TestCase("v1", "Namespace", typeof(V1Namespace))]
    [TestCase("policy/v1", "PodDisruptionBudget", typeof(V1PodDisruptionBudget))]
    [TestCase("rbac.authorization.k8s.io/v1", "ClusterRole", typeof(V1ClusterRole))]
    [TestCase("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", typeof(V1ClusterRoleBinding))]
    [TestCase("rbac.authorization.k8s.io/v1", "Role", typeof(V1Role))]
    [TestCase("rbac.authorization.k8s.io/v1", "RoleBinding", typeof(V1RoleBinding))]
    [TestCase("apiextensions.k8s.io/v1", "CustomResourceDefinition", typeof(V1CustomResourceDefinition))]
    public void ModelFor_BuiltInKind_IsTheClientModel(string apiVersion, string kind, Type model) =>
        Assert.That(ModelSchema.ModelFor(apiVersion, kind), Is.EqualTo(model));

    [TestCase("kamaji.clastix.io/v1alpha1", "KubeconfigGenerator")]
    [TestCase("monitoring.coreos.com/v1", "ServiceMonitor")]
    [TestCase("apps/v1beta9", "Deployment")]
    public void ModelFor_UnknownKind_IsNull(string apiVersion, string kind) =>
        Assert.That(ModelSchema.ModelFor(apiVersion, kind), Is.Null);

    // Nothing escapes both checks: a document is either schema-checked here or a custom resource the dry-run validates.
    [Test]
    public async Task ShippedManifests_EveryDocumentIsABuiltInOrADryRunCustomResource()
    {
        var unmodelled = (await ShippedAsync())
            .Where(d => ModelSchema.ModelFor((string?)d["apiVersion"] ?? "", (string?)d["kind"] ?? "") is null)
            .Select(d => $"{d["apiVersion"]} {d["kind"]}").Distinct();

        Assert.That(unmodelled, Is.EquivalentTo(new[] { "kamaji.clastix.io/v1alpha1 KubeconfigGenerator", "monitoring.coreos.com/v1 ServiceMonitor" }));
    }

    [Test]
    public async Task ShippedManifests_HaveNoUnknownFieldsOrTypeMismatches() =>
        Assert.That(Complaints(await ShippedAsync()), Is.Empty);

    [Test]
    public async Task Check_MisspeltField_IsAnUnknownFieldWithItsPath()
    {
        var documents = await ShippedAsync();
        var container = Container(documents);
        container["readinesProbe"] = container["readinessProbe"]!.DeepClone();
        container.Remove("readinessProbe");

        Assert.That(Complaints(documents), Is.EqualTo(new[]
        {
            "Deployment kamaji-system/kubeconfig-generator: unknown field \"spec.template.spec.containers[0].readinesProbe\"",
        }));
    }

    [Test]
    public async Task Check_QuotedInteger_IsATypeMismatch()
    {
        var documents = await ShippedAsync();
        documents.Only("Deployment")["spec"]!["template"]!["spec"]!["securityContext"]!["runAsUser"] = "1654";

        Assert.That(Complaints(documents), Is.EqualTo(new[]
        {
            "Deployment kamaji-system/kubeconfig-generator: spec.template.spec.securityContext.runAsUser: expected integer, got string \"1654\"",
        }));
    }

    // The test fails with the whole list, not the first problem.
    [Test]
    public async Task Check_SeveralProblems_ListsThemAll()
    {
        var documents = await ShippedAsync();
        documents.Only("Deployment")["spec"]!["replicas"] = "2";
        Container(documents)["ports"] = new JsonObject { ["name"] = "metrics" };
        documents.Only("ClusterRole")["rules"]![0]!["verb"] = new JsonArray("get");
        documents.Only("Service")["spec"]!["ports"]![0]!["port"] = true;

        Assert.That(Complaints(documents), Is.EquivalentTo(new[]
        {
            "ClusterRole kubeconfig-generator: unknown field \"rules[0].verb\"",
            "Deployment kamaji-system/kubeconfig-generator: spec.replicas: expected integer, got string \"2\"",
            "Deployment kamaji-system/kubeconfig-generator: spec.template.spec.containers[0].ports: expected array, got object",
            "Service kamaji-system/kubeconfig-generator-metrics: spec.ports[0].port: expected integer, got boolean true",
        }));
    }

    // IntOrString and Quantity take either JSON type, but not anything.
    [Test]
    public async Task Check_IntOrStringAndQuantity_AcceptBothFormsOnly()
    {
        var documents = await ShippedAsync();
        var budget = documents.Only("PodDisruptionBudget");
        budget["spec"]!["maxUnavailable"] = "50%";
        var resources = Container(documents)["resources"]!;
        resources["requests"]!["cpu"] = 0.5;
        Assert.That(Complaints(documents), Is.Empty);

        budget["spec"]!["maxUnavailable"] = true;
        resources["limits"]!["memory"] = "512MB";
        Assert.That(Complaints(documents), Is.EquivalentTo(new[]
        {
            "Deployment kamaji-system/kubeconfig-generator: spec.template.spec.containers[0].resources.limits.memory: invalid quantity \"512MB\"",
            "PodDisruptionBudget kamaji-system/kubeconfig-generator: spec.maxUnavailable: expected integer or string, got boolean true",
        }));
    }

    [Test]
    public void Check_SecretData_MustBeBase64()
    {
        var secret = (JsonObject)YamlToJson.ParseOne("""
            apiVersion: v1
            kind: Secret
            metadata: {name: s}
            data: {good: aGVsbG8=, bad: hello!}
            """)!;

        Assert.That(ModelSchema.Check(secret, typeof(V1Secret)), Is.EqualTo(new[] { "data.bad: expected base64 string, got string \"hello!\"" }));
    }
}
