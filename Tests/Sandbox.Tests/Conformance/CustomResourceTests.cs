using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace KamajiKubeconfig.Sandbox.Tests.Conformance;

/// <summary>Custom resources: generation rules, the status subresource, scopes, CRDs applied at run time (A7, A8, A13).</summary>
[Parallelizable(ParallelScope.All)]
public sealed class CustomResourceTests : SharedSandboxTests<CustomResourceTests>
{
    private static Task<string> NamespaceAsync() => NamespaceAsync("cr");

    private static JsonObject Widget(string name, int size) => new()
    {
        ["apiVersion"] = "example.com/v1",
        ["kind"] = "Widget",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject { ["size"] = size },
        ["status"] = new JsonObject { ["phase"] = "Ignored" },
    };

    private static JsonObject AsJson(object o) => JsonNode.Parse(JsonSerializer.Serialize(o))!.AsObject();

    // A7: CRs start at generation 1; status is dropped on create when there is a status subresource (A8).
    [Test]
    public async Task Create_StartsAtGeneration1_AndDropsStatus()
    {
        var ns = await NamespaceAsync();
        var created = AsJson(await Client.CustomObjects.CreateNamespacedCustomObjectAsync(Widget("w", 1), "example.com", "v1", ns, "widgets"));
        Assert.Multiple(() =>
        {
            Assert.That(created["metadata"]!["generation"]!.GetValue<long>(), Is.EqualTo(1));
            Assert.That(created["status"], Is.Null);
        });
    }

    // A7: spec changes bump generation; label changes do not; status writes on the main endpoint are ignored (A8).
    [Test]
    public async Task Update_SpecBumpsGeneration_LabelsDoNot_StatusIgnored()
    {
        var ns = await NamespaceAsync();
        var w = AsJson(await Client.CustomObjects.CreateNamespacedCustomObjectAsync(Widget("w", 1), "example.com", "v1", ns, "widgets"));
        w["metadata"]!["labels"] = new JsonObject { ["a"] = "b" };
        w = AsJson(await Client.CustomObjects.ReplaceNamespacedCustomObjectAsync(w, "example.com", "v1", ns, "widgets", "w"));
        Assert.That(w["metadata"]!["generation"]!.GetValue<long>(), Is.EqualTo(1));
        w["spec"]!["size"] = 2;
        w["status"] = new JsonObject { ["phase"] = "Sneaky" };
        w = AsJson(await Client.CustomObjects.ReplaceNamespacedCustomObjectAsync(w, "example.com", "v1", ns, "widgets", "w"));
        Assert.Multiple(() =>
        {
            Assert.That(w["metadata"]!["generation"]!.GetValue<long>(), Is.EqualTo(2));
            Assert.That(w["status"], Is.Null);
        });
    }

    // A8: /status takes only status; spec and metadata changes there are silently dropped; generation stays.
    [Test]
    public async Task StatusSubresource_TakesOnlyStatus()
    {
        var ns = await NamespaceAsync();
        var w = AsJson(await Client.CustomObjects.CreateNamespacedCustomObjectAsync(Widget("w", 1), "example.com", "v1", ns, "widgets"));
        w["spec"]!["size"] = 99;
        w["metadata"]!["labels"] = new JsonObject { ["x"] = "y" };
        w["status"] = new JsonObject { ["phase"] = "Ready" };
        var updated = AsJson(await Client.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync(w, "example.com", "v1", ns, "widgets", "w"));
        Assert.Multiple(() =>
        {
            Assert.That(updated["status"]!["phase"]!.GetValue<string>(), Is.EqualTo("Ready"));
            Assert.That(updated["spec"]!["size"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(updated["metadata"]!["labels"], Is.Null);
            Assert.That(updated["metadata"]!["generation"]!.GetValue<long>(), Is.EqualTo(1));
        });
    }

    // A8: PATCH /status needs no resourceVersion; a merge patch on status works for cluster-scoped CRs.
    [Test]
    public async Task ClusterScoped_StatusMergePatch_Works()
    {
        var name = SandboxFixture.UniqueName("g");
        var body = new JsonObject { ["apiVersion"] = "example.com/v1", ["kind"] = "Gadget", ["metadata"] = new JsonObject { ["name"] = name }, ["spec"] = new JsonObject { ["a"] = 1 } };
        await Client.CustomObjects.CreateClusterCustomObjectAsync(body, "example.com", "v1", "gadgets");
        var patched = AsJson(await Client.CustomObjects.PatchClusterCustomObjectStatusAsync(
            new V1Patch("""{"status":{"ok":true}}""", V1Patch.PatchType.MergePatch), "example.com", "v1", "gadgets", name));
        Assert.That(patched["status"]!["ok"]!.GetValue<bool>(), Is.True);
    }

    // A1: a CRD created at run time is served (after it is Established), and its CRs can be listed.
    [Test]
    public async Task Crd_CreatedAtRunTime_IsServedAndEstablished()
    {
        var crd = new V1CustomResourceDefinition
        {
            Metadata = new V1ObjectMeta { Name = "things.runtime.example.com" },
            Spec = new V1CustomResourceDefinitionSpec
            {
                Group = "runtime.example.com",
                Scope = "Cluster",
                Names = new V1CustomResourceDefinitionNames { Plural = "things", Singular = "thing", Kind = "Thing" },
                Versions = [new V1CustomResourceDefinitionVersion { Name = "v1", Served = true, Storage = true, Schema = new V1CustomResourceValidation { OpenAPIV3Schema = new V1JSONSchemaProps { Type = "object", XKubernetesPreserveUnknownFields = true } } }],
            },
        };
        var created = await Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd);
        Assert.That(created.Status.Conditions.Single(c => c.Type == "Established").Status, Is.EqualTo("True"));
        await Client.CustomObjects.CreateClusterCustomObjectAsync(JsonNode.Parse("""{"apiVersion":"runtime.example.com/v1","kind":"Thing","metadata":{"name":"t"}}""")!, "runtime.example.com", "v1", "things");
        var list = AsJson(await Client.CustomObjects.ListClusterCustomObjectAsync("runtime.example.com", "v1", "things"));
        Assert.That(list["items"]!.AsArray(), Has.Count.EqualTo(1));
        Assert.That(list["kind"]!.GetValue<string>(), Is.EqualTo("ThingList"));
    }

    // A7: a PUT without resourceVersion on a CR is 422 Invalid.
    [Test]
    public async Task Update_WithoutResourceVersion_Is422ForCustomResources()
    {
        var ns = await NamespaceAsync();
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(Widget("w", 1), "example.com", "v1", ns, "widgets");
        var status = await ApiAssert.FailsAsync(() => Client.CustomObjects.ReplaceNamespacedCustomObjectAsync(Widget("w", 2), "example.com", "v1", ns, "widgets", "w"), 422, "Invalid");
        Assert.That(status.Message, Is.EqualTo("widgets.example.com \"w\" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be specified for an update"));
    }

    // A13: invalid names are 422 with the RFC 1123 message; nothing is stored.
    [Test]
    public async Task Create_InvalidName_Is422AndStoresNothing()
    {
        var ns = await NamespaceAsync();
        var status = await ApiAssert.FailsAsync(() => Client.CustomObjects.CreateNamespacedCustomObjectAsync(Widget("Bad_Name", 1), "example.com", "v1", ns, "widgets"), 422, "Invalid");
        Assert.Multiple(() =>
        {
            Assert.That(status.Message, Does.StartWith("Widget.example.com \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain"));
            Assert.That(status.Details.Causes.Single().Reason, Is.EqualTo("FieldValueInvalid"));
            Assert.That(status.Details.Causes.Single().Field, Is.EqualTo("metadata.name"));
        });
        var list = AsJson(await Client.CustomObjects.ListNamespacedCustomObjectAsync("example.com", "v1", ns, "widgets"));
        Assert.That(list["items"]!.AsArray(), Is.Empty);
    }

    // A13/apiextensions: schema defaults are applied and unknown fields pruned (fieldValidation is not Strict here).
    [Test]
    public async Task Create_AppliesSchemaDefaults_AndPrunesUnknownFields()
    {
        var ns = await NamespaceAsync();
        var body = Widget("w", 1);
        body["spec"]!["unknown"] = "dropped";
        var created = AsJson(await Client.CustomObjects.CreateNamespacedCustomObjectAsync(body, "example.com", "v1", ns, "widgets"));
        Assert.Multiple(() =>
        {
            Assert.That(created["spec"]!["color"]!.GetValue<string>(), Is.EqualTo("blue"));
            Assert.That(created["spec"]!["unknown"], Is.Null);
        });
    }

    // apiextensions: values of the wrong type or out of bounds are 422 Invalid with the schema's message.
    [Test]
    public async Task Create_SchemaViolation_Is422()
    {
        var ns = await NamespaceAsync();
        var body = Widget("w", 1);
        body["spec"]!["size"] = "large";
        var status = await ApiAssert.FailsAsync(() => Client.CustomObjects.CreateNamespacedCustomObjectAsync(body, "example.com", "v1", ns, "widgets"), 422, "Invalid");
        Assert.That(status.Message, Is.EqualTo("Widget.example.com \"w\" is invalid: spec.size: Invalid value: \"string\": spec.size in body must be of type integer: \"string\""));
        body["spec"]!["size"] = -1;
        status = await ApiAssert.FailsAsync(() => Client.CustomObjects.CreateNamespacedCustomObjectAsync(body, "example.com", "v1", ns, "widgets"), 422, "Invalid");
        Assert.That(status.Message, Does.EndWith("spec.size: Invalid value: -1: spec.size in body should be greater than or equal to 0"));
    }

    // apiextensions x-kubernetes-validations: a failing CEL rule is 422 with the rule's message.
    [Test]
    public async Task Create_FailingValidationRule_Is422WithRuleMessage()
    {
        var ns = await NamespaceAsync();
        var body = Widget("w", 1);
        body["spec"]!["user"] = new JsonObject { ["stringValue"] = "a", ["fromDefinition"] = "metadata.name" };
        var status = await ApiAssert.FailsAsync(() => Client.CustomObjects.CreateNamespacedCustomObjectAsync(body, "example.com", "v1", ns, "widgets"), 422, "Invalid");
        Assert.That(status.Message, Is.EqualTo("Widget.example.com \"w\" is invalid: spec.user: Invalid value: \"object\": Either stringValue or fromDefinition must be set, but not both."));
        body["spec"]!["user"] = new JsonObject { ["stringValue"] = "a" };
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(body, "example.com", "v1", ns, "widgets");
    }

    // apiextensions: deleting a CRD deletes its custom resources first (honouring their finalizers), then stops serving.
    [Test]
    public async Task DeleteCrd_RemovesCustomResourcesThenStopsServing()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var client = SandboxFixture.Client(server);
        await client.CustomObjects.CreateClusterCustomObjectAsync(JsonNode.Parse("""{"apiVersion":"example.com/v1","kind":"Gadget","metadata":{"name":"held","finalizers":["example.com/hold"]}}""")!, "example.com", "v1", "gadgets");
        await client.ApiextensionsV1.DeleteCustomResourceDefinitionAsync("gadgets.example.com");
        await SandboxFixture.EventuallyAsync(async () =>
        {
            var held = AsJson(await client.CustomObjects.GetClusterCustomObjectAsync("example.com", "v1", "gadgets", "held"));
            return held["metadata"]!["deletionTimestamp"] is not null;
        }, "custom resource marked for deletion");
        var crd = await client.ApiextensionsV1.ReadCustomResourceDefinitionAsync("gadgets.example.com");
        Assert.That(crd.Metadata.DeletionTimestamp, Is.Not.Null, "the CRD waits for its custom resources");
        await client.CustomObjects.PatchClusterCustomObjectAsync(new V1Patch("""{"metadata":{"finalizers":null}}""", V1Patch.PatchType.MergePatch), "example.com", "v1", "gadgets", "held");
        await SandboxFixture.EventuallyAsync(async () =>
        {
            try
            {
                await client.ApiextensionsV1.ReadCustomResourceDefinitionAsync("gadgets.example.com");
                return false;
            }
            catch (k8s.Autorest.HttpOperationException e) when ((int)e.Response.StatusCode == 404)
            {
                return true;
            }
        }, "CRD deleted");
        // The CRD controller stops serving the kind just after the CRD is gone (asynchronously, as kube-apiserver does).
        await SandboxFixture.EventuallyAsync(async () =>
        {
            try
            {
                await client.CustomObjects.ListClusterCustomObjectAsync("example.com", "v1", "gadgets");
                return false;
            }
            catch (k8s.Autorest.HttpOperationException e) when ((int)e.Response.StatusCode == 404)
            {
                return true;
            }
        }, "the kind no longer served");
        await ApiAssert.FailsAsync(() => client.CustomObjects.ListClusterCustomObjectAsync("example.com", "v1", "gadgets"), 404, "NotFound");
    }
}
