using System.Text.Json;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Tests.Reconcile;

/// <summary>docs/behaviour.md A5 and B9: every outcome of a <c>fromDefinition</c> path, Kamaji's and our extensions.</summary>
public class DefinitionResolverTests
{
    private static readonly JsonElement Tcp = JsonDocument.Parse("""
        {
          "apiVersion": "kamaji.clastix.io/v1alpha1",
          "kind": "TenantControlPlane",
          "metadata": {
            "name": "tenant-a",
            "namespace": "prod",
            "labels": { "tenant.clastix.io": "acme", "tier": "gold" },
            "annotations": { "owner": "" }
          },
          "spec": {
            "networkProfile": { "port": 6443, "certSANs": ["a.example.com", "b.example.com"], "ratio": 1.5 },
            "enabled": true,
            "nothing": null,
            "list": [ { "name": "first" }, { "name": "second" } ]
          }
        }
        """).RootElement;

    private static string Resolve(string path) =>
        DefinitionResolver.Resolve(Tcp, path, out var error) ?? "error: " + error;

    [TestCase("metadata.name", "tenant-a")]
    [TestCase("metadata.namespace", "prod")]
    [TestCase("kind", "TenantControlPlane")]
    [TestCase("apiVersion", "kamaji.clastix.io/v1alpha1")]
    [TestCase("metadata.labels.tier", "gold")]
    public void Resolve_DottedPathThatWorkedUpstream_GivesTheSameValue(string path, string expected) =>
        Assert.That(Resolve(path), Is.EqualTo(expected));

    [TestCase("metadata.labels['tenant.clastix.io']", "acme")]
    [TestCase("metadata.labels[\"tenant.clastix.io\"]", "acme")]
    [TestCase("spec.networkProfile.certSANs[1]", "b.example.com")]
    [TestCase("spec.list[0].name", "first")]
    [TestCase("spec.list[1]['name']", "second")]
    public void Resolve_BracketedKeyOrListIndex_ReachesTheValue(string path, string expected) =>
        Assert.That(Resolve(path), Is.EqualTo(expected));

    [TestCase("spec.networkProfile.port", "6443")]
    [TestCase("spec.networkProfile.ratio", "1.5")]
    [TestCase("spec.enabled", "true")]
    public void Resolve_NumberOrBoolean_IsWrittenInInvariantForm(string path, string expected) =>
        Assert.That(Resolve(path), Is.EqualTo(expected));

    [TestCase("metadata.missing")]
    [TestCase("spec.nothing.deeper")]
    [TestCase("spec.list[5]")]
    [TestCase(".metadata.name")]
    [TestCase("metadata.labels.tenant.clastix.io")]
    public void Resolve_MissingSegment_IsNotFound(string path) =>
        Assert.That(Resolve(path), Is.EqualTo($"error: provided dot notation \"{path}\" is not found"));

    // Issue 15 (7): a map is described, never copied, so the TCP's uid, labels and annotations stay out of status.
    [Test]
    public void Resolve_Map_IsAnAccessorErrorThatQuotesOnlyThePathAndTheKind() =>
        Assert.That(Resolve("metadata.labels"), Is.EqualTo(
            "error: cannot run NestedString \"metadata.labels\" due to an error: .metadata.labels accessor error: "
            + "a map with 2 keys is of the type map[string]interface {}, expected string"));

    [Test]
    public void Resolve_WholeMetadata_LeaksNoValueOfIt()
    {
        var message = Resolve("metadata");

        Assert.That(message, Does.Not.Contain("acme").And.Not.Contain("gold").And.Not.Contain("tenant-a"));
    }

    [Test]
    public void Resolve_List_IsAnAccessorError() =>
        Assert.That(Resolve("spec.networkProfile.certSANs"), Is.EqualTo(
            "error: cannot run NestedString \"spec.networkProfile.certSANs\" due to an error: .spec.networkProfile.certSANs accessor error: "
            + "a list of 2 items is of the type []interface {}, expected string"));

    [Test]
    public void Resolve_Null_IsAnAccessorError() =>
        Assert.That(Resolve("spec.nothing"), Is.EqualTo(
            "error: cannot run NestedString \"spec.nothing\" due to an error: .spec.nothing accessor error: <nil> is of the type <nil>, expected string"));

    [Test]
    public void Resolve_WalkingThroughAListWithoutIndex_IsAnAccessorError() =>
        Assert.That(Resolve("spec.list.name"), Is.EqualTo(
            "error: cannot run NestedString \"spec.list.name\" due to an error: .spec.list.name accessor error: "
            + "a list of 2 items is of the type []interface {}, expected map[string]interface{}"));

    [Test]
    public void Resolve_IndexIntoAMap_IsAnAccessorError() =>
        Assert.That(Resolve("metadata[0]"), Does.StartWith(
            "error: cannot run NestedString \"metadata[0]\" due to an error: .metadata[0] accessor error: a map with ").And.EndWith("expected []interface{}"));

    [Test]
    public void Resolve_WalkingThroughAString_IsAnAccessorError() =>
        Assert.That(Resolve("metadata.name.first"), Is.EqualTo(
            "error: cannot run NestedString \"metadata.name.first\" due to an error: .metadata.name.first accessor error: "
            + "tenant-a is of the type string, expected map[string]interface{}"));

    [Test]
    public void Resolve_EmptyString_IsAnError() =>
        Assert.That(Resolve("metadata.annotations.owner"), Is.EqualTo(
            "error: provided dot notation \"metadata.annotations.owner\" resolves to an empty string"));

    [TestCase("metadata.labels['tenant.clastix.io'", "unterminated quoted key at offset 15")]
    [TestCase("spec.list[x]", "list index \"x\" is not a non-negative integer")]
    [TestCase("spec.list[-1]", "list index \"-1\" is not a non-negative integer")]
    [TestCase("spec.list[0", "missing ']' after offset 9")]
    [TestCase("spec.list[0]name", "expected '.' or '[' at offset 12")]
    public void Resolve_MalformedBrackets_SayWhatIsWrong(string path, string problem) =>
        Assert.That(Resolve(path), Is.EqualTo($"error: provided dot notation {GoFormat.Quote(path)} is not valid: {problem}"));

    [Test]
    public void Resolve_PathWithQuote_IsQuotedLikeGo() =>
        Assert.That(Resolve("a\"b"), Is.EqualTo("error: provided dot notation \"a\\\"b\" is not found"));
}
