using System.Text.Json;
using KamajiKubeconfig.Tests.Tools;

namespace KamajiKubeconfig.Tests.Manifests;

/// <summary>docs/behaviour.md A1 and B10: the KubeconfigGenerator CRD keeps Kamaji's identity and adds admission rules.</summary>
public class CrdTests
{
    private static readonly string Root = Path.GetFullPath(Path.Combine(TestContext.CurrentContext.TestDirectory, "../../../.."));
    private static JsonElement Crd => YamlJson.ReadFile(Path.Combine(Root, "manifests/crds/kamaji.clastix.io_kubeconfiggenerators.yaml"));
    private static JsonElement Version => Crd.GetProperty("spec").GetProperty("versions")[0];
    private static JsonElement Spec => Version.GetProperty("schema").GetProperty("openAPIV3Schema").GetProperty("properties").GetProperty("spec");

    [Test]
    public void Crd_Identity_IsKamajis()
    {
        var spec = Crd.GetProperty("spec");
        var names = spec.GetProperty("names");

        Assert.That(Crd.GetProperty("metadata").GetProperty("name").GetString(), Is.EqualTo("kubeconfiggenerators.kamaji.clastix.io"));
        Assert.That((spec.GetProperty("group").GetString(), spec.GetProperty("scope").GetString()), Is.EqualTo(("kamaji.clastix.io", "Cluster")));
        Assert.That(names.GetProperty("kind").GetString(), Is.EqualTo("KubeconfigGenerator"));
        Assert.That(names.GetProperty("plural").GetString(), Is.EqualTo("kubeconfiggenerators"));
        Assert.That(names.GetProperty("shortNames")[0].GetString(), Is.EqualTo("kc"));
        Assert.That(names.GetProperty("categories")[0].GetString(), Is.EqualTo("kamaji"));
        Assert.That(Version.GetProperty("name").GetString(), Is.EqualTo("v1alpha1"));
        Assert.That(Version.GetProperty("subresources").TryGetProperty("status", out _), Is.True);
    }

    [Test]
    public void Crd_PrinterColumns_AreResourcesAvailableReadyAge() =>
        Assert.That(Version.GetProperty("additionalPrinterColumns").EnumerateArray().Select(c => c.GetProperty("name").GetString()),
            Is.EqualTo(new[] { "Resources", "Available", "Ready", "Age" }));

    [Test]
    public void Crd_User_IsRequired() =>
        Assert.That(Spec.GetProperty("required").EnumerateArray().Select(r => r.GetString()), Is.EqualTo(new[] { "user" }));

    [Test]
    public void Crd_CompoundValues_CarryKamajisCelRuleAndRejectEmptyStrings()
    {
        foreach (var compound in new[] { Spec.GetProperty("properties").GetProperty("user"), Spec.GetProperty("properties").GetProperty("groups").GetProperty("items") })
        {
            Assert.That(compound.GetProperty("x-kubernetes-validations")[0].GetProperty("message").GetString(),
                Is.EqualTo("Either stringValue or fromDefinition must be set, but not both."));
            Assert.That(compound.GetProperty("properties").GetProperty("stringValue").GetProperty("minLength").GetInt32(), Is.EqualTo(1));
            Assert.That(compound.GetProperty("properties").GetProperty("fromDefinition").GetProperty("minLength").GetInt32(), Is.EqualTo(1));
        }
    }

    [Test]
    public void Crd_EndpointFrom_DefaultsToAdminSvcAndRejectsEmpty()
    {
        var field = Spec.GetProperty("properties").GetProperty("controlPlaneEndpointFrom");

        Assert.That((field.GetProperty("default").GetString(), field.GetProperty("minLength").GetInt32()), Is.EqualTo(("admin.svc", 1)));
    }

    [TestCase("namespaceSelector")]
    [TestCase("tenantControlPlaneSelector")]
    public void Crd_SelectorOperators_AreEnumerated(string selector)
    {
        var operatorField = Spec.GetProperty("properties").GetProperty(selector).GetProperty("properties").GetProperty("matchExpressions")
            .GetProperty("items").GetProperty("properties").GetProperty("operator");

        Assert.That(operatorField.GetProperty("enum").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "In", "NotIn", "Exists", "DoesNotExist" }));
    }

    [Test]
    public void Crd_KeyAlgorithm_IsEnumeratedWithKamajisDefault()
    {
        var algorithm = Spec.GetProperty("properties").GetProperty("certificate").GetProperty("properties").GetProperty("privateKey")
            .GetProperty("properties").GetProperty("algorithm");

        Assert.That(algorithm.GetProperty("default").GetString(), Is.EqualTo("RSA-2048"));
        Assert.That(algorithm.GetProperty("enum").GetArrayLength(), Is.EqualTo(5));
    }
}
