using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using KamajiKubeconfig.Reconcile;
using KamajiKubeconfig.Tests.Tools;

namespace KamajiKubeconfig.Tests.EndToEnd;

/// <summary>
/// docs/behaviour.md B10 and scenario C4: the CRD's OpenAPI and CEL rules reject bad generators at admission (422), before they
/// reach the controller.
/// </summary>
public class AdmissionTests : EndToEndTestBase
{
    private async Task<HttpOperationException> RejectedAsync(string specYaml)
    {
        var body = JsonNode.Parse(YamlJson.Read($"""
            apiVersion: kamaji.clastix.io/v1alpha1
            kind: KubeconfigGenerator
            metadata: {"{"}name: {Unique("bad")}{"}"}
            spec:
            {specYaml}
            """).GetRawText())!;
        var e = Assert.ThrowsAsync<HttpOperationException>(() =>
            Admin.CustomObjects.CreateClusterCustomObjectAsync(body, WellKnown.Group, WellKnown.Version, WellKnown.GeneratorPlural));
        Assert.That(e!.Response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), e.Response.Content);
        return e;
    }

    [Test]
    public async Task EmptyStringValue_IsRejected() =>
        Assert.That((await RejectedAsync("  user: {stringValue: \"\"}")).Response.Content, Does.Contain("spec.user.stringValue"));

    [TestCase("{stringValue: u, fromDefinition: metadata.name}")]
    [TestCase("{}")]
    public async Task CompoundValueWithBothOrNeither_IsRejectedWithKamajisMessage(string user) =>
        Assert.That((await RejectedAsync($"  user: {user}")).Response.Content, Does.Contain("Either stringValue or fromDefinition must be set, but not both."));

    [Test]
    public async Task MissingUser_IsRejected() =>
        Assert.That((await RejectedAsync("  groups: [{stringValue: ops}]")).Response.Content, Does.Contain("spec.user"));

    [Test]
    public async Task SelectorOperatorTypo_IsRejected() =>
        Assert.That((await RejectedAsync("""
              user: {stringValue: u}
              namespaceSelector:
                matchExpressions: [{key: environment, operator: in, values: [production]}]
            """)).Response.Content, Does.Contain("operator"));

    [Test]
    public async Task EmptyEndpointKey_IsRejected() =>
        Assert.That((await RejectedAsync("  user: {stringValue: u}\n  controlPlaneEndpointFrom: \"\"")).Response.Content, Does.Contain("controlPlaneEndpointFrom"));

    [Test]
    public async Task UnknownKeyAlgorithm_IsRejected() =>
        Assert.That((await RejectedAsync("  user: {stringValue: u}\n  certificate: {privateKey: {algorithm: DSA-1024}}")).Response.Content, Does.Contain("algorithm"));

    [Test]
    public async Task MalformedValidity_IsRejected() =>
        Assert.That((await RejectedAsync("  user: {stringValue: u}\n  certificate: {validity: a year}")).Response.Content, Does.Contain("validity"));

    [Test]
    public async Task KamajiSample_IsAcceptedAndDefaulted()
    {
        var body = JsonNode.Parse(YamlJson.ReadFile(Path.Combine(RepoPaths.Samples, "kubeconfiggenerator-kamaji-sample.yaml")).GetRawText())!.AsObject();
        var name = Unique("sample");
        body["metadata"]!["name"] = name;
        Track(name);
        body["spec"]!.AsObject().Remove("controlPlaneEndpointFrom");

        var created = await Admin.CustomObjects.CreateClusterCustomObjectAsync(body, WellKnown.Group, WellKnown.Version, WellKnown.GeneratorPlural);

        Assert.That(JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(created))!["spec"]!["controlPlaneEndpointFrom"]!.GetValue<string>(), Is.EqualTo("admin.svc"));
    }
}
