using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace KamajiKubeconfig.Sandbox.Tests.Conformance;

/// <summary>PATCH content types and server-side apply with the C# client (A9, A10, B7).</summary>
[Parallelizable(ParallelScope.All)]
public sealed class PatchTests : SharedSandboxTests<PatchTests>
{
    private static Task<string> NamespaceAsync() => NamespaceAsync("patch");

    private static JsonObject AsJson(object o) => JsonNode.Parse(JsonSerializer.Serialize(o))!.AsObject();

    private static V1Patch Apply(string json) => new(json, V1Patch.PatchType.ApplyPatch);

    // A9: merge patch replaces arrays whole and deletes with null.
    [Test]
    public async Task MergePatch_ReplacesArraysAndDeletesNulls()
    {
        var ns = await NamespaceAsync();
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c", Finalizers = ["a/x", "a/y"] }, Data = new Dictionary<string, string> { ["k"] = "v", ["gone"] = "1" } }, ns);
        var patched = await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"metadata":{"finalizers":["a/z"]},"data":{"gone":null}}""", V1Patch.PatchType.MergePatch), "c", ns);
        Assert.Multiple(() =>
        {
            Assert.That(patched.Metadata.Finalizers, Is.EqualTo(new[] { "a/z" }));
            Assert.That(patched.Data.Keys, Is.EqualTo(new[] { "k" }));
        });
    }

    // A9: strategic merge patch merges finalizers as a set for built-ins; custom resources answer 415.
    [Test]
    public async Task StrategicMergePatch_MergesFinalizers_AndIs415ForCustomResources()
    {
        var ns = await NamespaceAsync();
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c", Finalizers = ["a/x"] } }, ns);
        var patched = await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"metadata":{"finalizers":["a/y"]}}""", V1Patch.PatchType.StrategicMergePatch), "c", ns);
        Assert.That(patched.Metadata.Finalizers, Is.EqualTo(new[] { "a/x", "a/y" }));
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(JsonNode.Parse("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"}}""")!, "example.com", "v1", ns, "widgets");
        var status = await ApiAssert.FailsAsync(() => Client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch("{}", V1Patch.PatchType.StrategicMergePatch), "example.com", "v1", ns, "widgets", "w"), 415, "UnsupportedMediaType");
        Assert.That(status.Message, Is.EqualTo("the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml"));
    }

    // A9: a failing JSON-patch test op is 422 and changes nothing.
    [Test]
    public async Task JsonPatch_FailedTest_Is422()
    {
        var ns = await NamespaceAsync();
        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c" }, Data = new Dictionary<string, string> { ["k"] = "v" } }, ns);
        await ApiAssert.FailsAsync(() => Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""[{"op":"test","path":"/data/k","value":"other"},{"op":"replace","path":"/data/k","value":"w"}]""", V1Patch.PatchType.JsonPatch), "c", ns), 422, "Invalid");
        var ok = await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""[{"op":"test","path":"/data/k","value":"v"},{"op":"replace","path":"/data/k","value":"w"}]""", V1Patch.PatchType.JsonPatch), "c", ns);
        Assert.Multiple(() =>
        {
            Assert.That(ok.Data["k"], Is.EqualTo("w"));
            Assert.That(ok.Metadata.ResourceVersion, Is.Not.EqualTo(created.Metadata.ResourceVersion));
        });
    }

    // A10: apply creates (201), records an Apply managedFields entry, and needs fieldManager (422).
    [Test]
    public async Task Apply_CreatesWithManagedFields_AndRequiresFieldManager()
    {
        var ns = await NamespaceAsync();
        var body = $$$"""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s","namespace":"{{{ns}}}","labels":{"a":"1"}},"data":{"k":"dg=="}}""";
        var status = await ApiAssert.FailsAsync(() => Client.CoreV1.PatchNamespacedSecretAsync(Apply(body), "s", ns), 422, "Invalid");
        Assert.That(status.Message, Is.EqualTo("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch"));
        using var response = await Client.CoreV1.PatchNamespacedSecretWithHttpMessagesAsync(Apply(body), "s", ns, fieldManager: "ctrl", force: true);
        var entry = response.Body.Metadata.ManagedFields.Single();
        Assert.Multiple(() =>
        {
            Assert.That((int)response.Response.StatusCode, Is.EqualTo(201));
            Assert.That(entry.Manager, Is.EqualTo("ctrl"));
            Assert.That(entry.Operation, Is.EqualTo("Apply"));
            Assert.That(JsonSerializer.Serialize(entry.FieldsV1), Is.EqualTo("""{"f:data":{"f:k":{}},"f:metadata":{"f:labels":{"f:a":{}}}}"""));
        });
    }

    // A10: a conflicting apply is 409 with FieldManagerConflict causes; force takes the field over.
    [Test]
    public async Task Apply_Conflict_Is409WithCauses_ForceWins()
    {
        var ns = await NamespaceAsync();
        await Client.CoreV1.PatchNamespacedConfigMapAsync(Apply("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"k":"one"}}"""), "c", ns, fieldManager: "first");
        var status = await ApiAssert.FailsAsync(() => Client.CoreV1.PatchNamespacedConfigMapAsync(Apply("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"k":"two"}}"""), "c", ns, fieldManager: "second"), 409, "Conflict");
        Assert.Multiple(() =>
        {
            Assert.That(status.Message, Is.EqualTo("Apply failed with 1 conflict: conflict with \"first\": .data.k"));
            Assert.That(status.Details.Causes.Single().Reason, Is.EqualTo("FieldManagerConflict"));
            Assert.That(status.Details.Causes.Single().Field, Is.EqualTo(".data.k"));
        });
        var forced = await Client.CoreV1.PatchNamespacedConfigMapAsync(Apply("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"k":"two"}}"""), "c", ns, fieldManager: "second", force: true);
        Assert.Multiple(() =>
        {
            Assert.That(forced.Data["k"], Is.EqualTo("two"));
            Assert.That(forced.Metadata.ManagedFields.Select(m => m.Manager), Is.EqualTo(new[] { "second" }));
        });
    }

    // A10 rule 2: a field the manager stops applying is removed unless another manager owns it.
    [Test]
    public async Task Apply_OmittedField_IsRemovedUnlessSharedOwnership()
    {
        var ns = await NamespaceAsync();
        await Client.CoreV1.PatchNamespacedConfigMapAsync(Apply("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","labels":{"mine":"1","shared":"1"}},"data":{"a":"1","b":"2"}}"""), "c", ns, fieldManager: "me");
        await Client.CoreV1.PatchNamespacedConfigMapAsync(Apply("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","labels":{"shared":"1"}}}"""), "c", ns, fieldManager: "other");
        var result = await Client.CoreV1.PatchNamespacedConfigMapAsync(Apply("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"1"}}"""), "c", ns, fieldManager: "me");
        Assert.Multiple(() =>
        {
            Assert.That(result.Data.Keys, Is.EqualTo(new[] { "a" }));
            Assert.That(result.Metadata.Labels.Keys, Is.EqualTo(new[] { "shared" }));
        });
    }

    // A10: ownerReferences are keyed by uid and finalizers are a set: two managers apply their own entries.
    [Test]
    public async Task Apply_OwnerReferencesByUid_AndFinalizersAsSet()
    {
        var ns = await NamespaceAsync();
        string Body(string uid, string finalizer) => $$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","ownerReferences":[{"apiVersion":"v1","kind":"Secret","name":"{{{uid}}}","uid":"{{{uid}}}"}],"finalizers":["{{{finalizer}}}"]}}""";
        await Client.CoreV1.PatchNamespacedConfigMapAsync(Apply(Body("u1", "x/one")), "c", ns, fieldManager: "a");
        var both = await Client.CoreV1.PatchNamespacedConfigMapAsync(Apply(Body("u2", "x/two")), "c", ns, fieldManager: "b");
        Assert.Multiple(() =>
        {
            Assert.That(both.Metadata.OwnerReferences.Select(o => o.Uid), Is.EquivalentTo(new[] { "u1", "u2" }));
            Assert.That(both.Metadata.Finalizers, Is.EquivalentTo(new[] { "x/one", "x/two" }));
        });
        var withoutA = await Client.CoreV1.PatchNamespacedConfigMapAsync(Apply("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"}}"""), "c", ns, fieldManager: "a");
        Assert.Multiple(() =>
        {
            Assert.That(withoutA.Metadata.OwnerReferences.Select(o => o.Uid), Is.EqualTo(new[] { "u2" }));
            Assert.That(withoutA.Metadata.Finalizers, Is.EqualTo(new[] { "x/two" }));
        });
    }

    // A10: apply bodies must match the endpoint's apiVersion/kind and carry no managedFields (400); state is untouched.
    [Test]
    public async Task Apply_WrongKindOrManagedFields_Is400()
    {
        var ns = await NamespaceAsync();
        var status = await ApiAssert.FailsAsync(() => Client.CoreV1.PatchNamespacedSecretAsync(Apply("""{"apiVersion":"v2","kind":"Secret","metadata":{"name":"s"}}"""), "s", ns, fieldManager: "m"), 400, "BadRequest");
        Assert.That(status.Message, Is.EqualTo("Incorrect version specified in apply patch. Specified patch version: v2, expected: v1"));
        status = await ApiAssert.FailsAsync(() => Client.CoreV1.PatchNamespacedSecretAsync(Apply("""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s","managedFields":[{"manager":"x"}]}}"""), "s", ns, fieldManager: "m"), 400, "BadRequest");
        Assert.That(status.Message, Is.EqualTo("metadata.managedFields must be nil"));
        Assert.That((await Client.CoreV1.ListNamespacedSecretAsync(ns)).Items, Is.Empty);
    }

    // A10/A8: apply on a CR main endpoint ignores status; apply on /status records a status subresource entry.
    [Test]
    public async Task Apply_CustomResource_StatusSplit()
    {
        var ns = await NamespaceAsync();
        var body = """{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"size":3,"ports":[{"name":"http","port":80}]},"status":{"phase":"X"}}""";
        var created = AsJson(await Client.CustomObjects.PatchNamespacedCustomObjectAsync(Apply(body), "example.com", "v1", ns, "widgets", "w", fieldManager: "ctrl", force: true));
        Assert.That(created["status"], Is.Null);
        var status = AsJson(await Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(Apply("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"status":{"phase":"Ready"}}"""), "example.com", "v1", ns, "widgets", "w", fieldManager: "ctrl", force: true));
        var entries = status["metadata"]!["managedFields"]!.AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(status["status"]!["phase"]!.GetValue<string>(), Is.EqualTo("Ready"));
            Assert.That(status["metadata"]!["generation"]!.GetValue<long>(), Is.EqualTo(1));
            Assert.That(entries.Select(e => e!["subresource"]?.GetValue<string>()), Is.EquivalentTo(new[] { null, "status" }));
        });
    }

    // A10: re-applying the same configuration writes nothing (same resourceVersion).
    [Test]
    public async Task Apply_SameConfigurationTwice_IsNoOp()
    {
        var ns = await NamespaceAsync();
        var body = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"1"}}""";
        var first = await Client.CoreV1.PatchNamespacedConfigMapAsync(Apply(body), "c", ns, fieldManager: "m");
        var second = await Client.CoreV1.PatchNamespacedConfigMapAsync(Apply(body), "c", ns, fieldManager: "m");
        Assert.That(second.Metadata.ResourceVersion, Is.EqualTo(first.Metadata.ResourceVersion));
    }
}
