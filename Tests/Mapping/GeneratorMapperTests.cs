using System.Text.Json;
using KamajiKubeconfig.Controller.Mapping;
using KamajiKubeconfig.Reconcile;
using KamajiKubeconfig.Tests.Builders;
using KamajiKubeconfig.Tests.Tools;

namespace KamajiKubeconfig.Tests.Mapping;

/// <summary>The edge mapping from API JSON to the reconcile model, fed with the shipped samples.</summary>
public class GeneratorMapperTests
{
    private static readonly string Samples = Path.GetFullPath(Path.Combine(TestContext.CurrentContext.TestDirectory, "../../../../manifests/samples"));

    private static Generator Sample(string file) => GeneratorMapper.FromJson(YamlJson.ReadFile(Path.Combine(Samples, file)));

    [Test]
    public void FromJson_DocsExample_MapsEveryField()
    {
        var generator = Sample("kubeconfiggenerator-docs-example.yaml");

        Assert.That(generator.Name, Is.EqualTo("tenant"));
        Assert.That(generator.Spec, Is.EqualTo(new GeneratorSpec(
            GeneratorBuilder.Labels(("environment", "production")),
            LabelSelector.Everything,
            Compound.FromPath("metadata.name"),
            EquatableList.Of(Compound.Static("customer-admins")),
            "admin.conf", null, null, SortedMap.Empty, SortedMap.Empty)));
        Assert.That(generator.Status, Is.Null);
    }

    [Test]
    public void FromJson_KamajiSample_MapsExpressions()
    {
        var spec = Sample("kubeconfiggenerator-kamaji-sample.yaml").Spec;

        Assert.That(spec.NamespaceSelector, Is.EqualTo(GeneratorBuilder.Expression("kubernetes.io/metadata.name", "Exists")));
        Assert.That(spec.Groups, Is.EqualTo(EquatableList.Of(Compound.Static("custom.group.tld"), Compound.FromPath("metadata.namespace"))));
    }

    [Test]
    public void FromJson_ExtendedSample_MapsOurOptionalFields()
    {
        var spec = Sample("kubeconfiggenerator-extended.yaml").Spec;

        Assert.That((spec.Validity, spec.PrivateKeyAlgorithm), Is.EqualTo(("720h", "ECDSA-P256")));
        Assert.That(spec.SecretLabels, Is.EqualTo(SortedMap.Of(("team", "platform"))));
        Assert.That(spec.User, Is.EqualTo(Compound.FromPath("metadata.labels['tenant.clastix.io/owner']")));
    }

    [Test]
    public void FromJson_AbsentEndpointKey_DefaultsToAdminSvc() =>
        Assert.That(GeneratorMapper.FromJson(YamlJson.Read("metadata: {name: g}\nspec: {user: {stringValue: u}}")).Spec.ControlPlaneEndpointFrom,
            Is.EqualTo("admin.svc"));

    [Test]
    public void FromJson_MetadataAndStatus_AreMapped()
    {
        var generator = GeneratorMapper.FromJson(YamlJson.Read("""
            metadata:
              name: g
              uid: u-1
              generation: 4
              deletionTimestamp: "2026-06-01T00:00:00Z"
              finalizers: [kubeconfig-generator.kamaji.clastix.io/cleanup]
              annotations: {kamaji.clastix.io/paused: ""}
            spec: {user: {stringValue: u}}
            status:
              observedGeneration: 3
              resources: 2
              availableResources: 1
              errors: [{resource: ns/t, message: boom}]
              conditions:
                - {type: Ready, status: "False", observedGeneration: 3, lastTransitionTime: "2026-05-01T10:00:00Z", reason: KubeconfigErrors, message: m}
            """));

        Assert.That((generator.Uid, generator.Generation, generator.IsDeleting, generator.HasFinalizer, generator.IsPaused), Is.EqualTo(("u-1", 4L, true, true, true)));
        Assert.That(generator.Status, Is.EqualTo(new GeneratorStatus(3, 2, 1, EquatableList.Of(new StatusError("ns/t", "boom")), EquatableList.Of(
            new Condition("Ready", "False", 3, new DateTimeOffset(2026, 5, 1, 10, 0, 0, TimeSpan.Zero), "KubeconfigErrors", "m")))));
    }

    [Test]
    public void TenantControlPlaneMapper_DropsManagedFieldsAndLastApplied()
    {
        var tcp = TenantControlPlaneMapper.FromJson(YamlJson.Read("""
            metadata:
              name: t
              namespace: ns
              uid: u
              labels: {tier: gold}
              annotations: {kubectl.kubernetes.io/last-applied-configuration: "{}", keep: "yes"}
              managedFields: [{manager: kubectl}]
            status: {kubeconfig: {admin: {secretName: t-admin-kubeconfig}}, certificates: {ca: {secretName: t-ca}}}
            """));

        Assert.That((tcp.AdminSecretName, tcp.CaSecretName), Is.EqualTo(("t-admin-kubeconfig", "t-ca")));
        Assert.That(tcp.Document.GetProperty("metadata").TryGetProperty("managedFields", out _), Is.False);
        Assert.That(tcp.Annotations, Is.EqualTo(SortedMap.Of(("keep", "yes"))));
        Assert.That(tcp.Document.ValueKind, Is.EqualTo(JsonValueKind.Object));
    }
}
