using k8s;
using k8s.Autorest;
using k8s.Models;

namespace KamajiKubeconfig.Sandbox.Tests.Conformance;

/// <summary>DELETE: finalizers, returned bodies, preconditions, garbage collection and namespace termination (A7, A11, B8).</summary>
[Parallelizable(ParallelScope.All)]
public sealed class DeleteTests : SharedSandboxTests<DeleteTests>
{
    private static Task<string> NamespaceAsync() => NamespaceAsync("del");

    private static async Task<bool> GoneAsync(Func<Task> read)
    {
        try
        {
            await read();
            return false;
        }
        catch (HttpOperationException e) when ((int)e.Response.StatusCode == 404)
        {
            return true;
        }
    }

    // A7, B8: deleting a Secret without finalizers returns Status Success with details.kind = secrets and the uid.
    [Test]
    public async Task Delete_WithoutFinalizers_ReturnsSuccessStatus()
    {
        var ns = await NamespaceAsync();
        var created = await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s" } }, ns);
        var status = await Client.CoreV1.DeleteNamespacedSecretAsync("s", ns);
        Assert.Multiple(() =>
        {
            Assert.That(status.Kind, Is.EqualTo("Status"));
            Assert.That(status.Status, Is.EqualTo("Success"));
            Assert.That(status.Details.Kind, Is.EqualTo("secrets"));
            Assert.That(status.Details.Uid, Is.EqualTo(created.Metadata.Uid));
        });
    }

    // A7, B8: with finalizers the object stays with deletionTimestamp and is returned (a bogus V1Status for a Secret).
    [Test]
    public async Task Delete_WithFinalizers_ReturnsObjectAndKeepsIt()
    {
        var ns = await NamespaceAsync();
        await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s", Finalizers = ["example.com/keep"] } }, ns);
        var response = await Client.CoreV1.DeleteNamespacedSecretAsync("s", ns);
        Assert.That(response.Kind, Is.EqualTo("Secret"));
        var kept = await Client.CoreV1.ReadNamespacedSecretAsync("s", ns);
        Assert.That(kept.Metadata.DeletionTimestamp, Is.Not.Null);
        // A7: finalizers can be removed but not added once deleting.
        var status = await ApiAssert.FailsAsync(() => Client.CoreV1.PatchNamespacedSecretAsync(new V1Patch("""{"metadata":{"finalizers":["example.com/keep","example.com/new"]}}""", V1Patch.PatchType.MergePatch), "s", ns), 422, "Invalid");
        Assert.That(status.Message, Does.Contain("no new finalizers can be added if the object is being deleted"));
        await Client.CoreV1.PatchNamespacedSecretAsync(new V1Patch("""{"metadata":{"finalizers":[]}}""", V1Patch.PatchType.MergePatch), "s", ns);
        Assert.That(await GoneAsync(() => Client.CoreV1.ReadNamespacedSecretAsync("s", ns)), Is.True);
    }

    // A7: a CR with finalizers bumps generation when deletionTimestamp is first set.
    [Test]
    public async Task Delete_CustomResourceWithFinalizer_BumpsGeneration()
    {
        var ns = await NamespaceAsync();
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(System.Text.Json.Nodes.JsonNode.Parse("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w","finalizers":["example.com/f"]}}""")!, "example.com", "v1", ns, "widgets");
        await Client.CustomObjects.DeleteNamespacedCustomObjectAsync("example.com", "v1", ns, "widgets", "w");
        var read = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(await Client.CustomObjects.GetNamespacedCustomObjectAsync("example.com", "v1", ns, "widgets", "w")))!;
        Assert.That(read["metadata"]!["generation"]!.GetValue<long>(), Is.EqualTo(2));
    }

    // A7: a uid precondition that does not match is 409 Conflict.
    [Test]
    public async Task Delete_UidPreconditionMismatch_Is409()
    {
        var ns = await NamespaceAsync();
        await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s" } }, ns);
        var status = await ApiAssert.FailsAsync(() => Client.CoreV1.DeleteNamespacedSecretAsync("s", ns, new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = "other" } }), 409, "Conflict");
        Assert.That(status.Message, Does.StartWith("Operation cannot be fulfilled on secrets \"s\": Precondition failed: UID in precondition: other, UID in object meta: "));
    }

    // A11: background propagation deletes dependents shortly after their owner is gone.
    [Test]
    public async Task GarbageCollection_Background_DeletesDependents()
    {
        var ns = await NamespaceAsync();
        var owner = await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "owner" } }, ns);
        await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "child", OwnerReferences = [new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = "owner", Uid = owner.Metadata.Uid, BlockOwnerDeletion = true, Controller = true }] } }, ns);
        await Client.CoreV1.DeleteNamespacedConfigMapAsync("owner", ns);
        await SandboxFixture.EventuallyAsync(() => GoneAsync(() => Client.CoreV1.ReadNamespacedSecretAsync("child", ns)), "dependent deleted");
    }

    // A11: foreground propagation keeps the owner (foregroundDeletion) until blocking dependents are gone.
    [Test]
    public async Task GarbageCollection_Foreground_DeletesDependentsThenOwner()
    {
        var ns = await NamespaceAsync();
        var owner = await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "owner" } }, ns);
        await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "child", OwnerReferences = [new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = "owner", Uid = owner.Metadata.Uid, BlockOwnerDeletion = true }] } }, ns);
        await Client.CoreV1.DeleteNamespacedConfigMapAsync("owner", ns, propagationPolicy: "Foreground");
        await SandboxFixture.EventuallyAsync(() => GoneAsync(() => Client.CoreV1.ReadNamespacedConfigMapAsync("owner", ns)), "owner deleted after dependents");
        Assert.That(await GoneAsync(() => Client.CoreV1.ReadNamespacedSecretAsync("child", ns)), Is.True);
    }

    // A11: orphan propagation strips the owner reference and keeps the dependent.
    [Test]
    public async Task GarbageCollection_Orphan_KeepsDependents()
    {
        var ns = await NamespaceAsync();
        var owner = await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "owner" } }, ns);
        await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "child", OwnerReferences = [new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = "owner", Uid = owner.Metadata.Uid }] } }, ns);
        await Client.CoreV1.DeleteNamespacedConfigMapAsync("owner", ns, propagationPolicy: "Orphan");
        await SandboxFixture.EventuallyAsync(() => GoneAsync(() => Client.CoreV1.ReadNamespacedConfigMapAsync("owner", ns)), "owner deleted");
        var child = await Client.CoreV1.ReadNamespacedSecretAsync("child", ns);
        Assert.That(child.Metadata.OwnerReferences, Is.Null.Or.Empty);
    }

    // A11, A3: a terminating namespace refuses creates (403), deletes its content, then disappears.
    [Test]
    public async Task Namespace_Termination_RefusesCreates_AndEmptiesNamespace()
    {
        var ns = await NamespaceAsync();
        await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "held", Finalizers = ["example.com/hold"] } }, ns);
        var deleted = await Client.CoreV1.DeleteNamespaceAsync(ns);
        // B8: a Namespace body does not fit V1Status, so the client exposes it as an object view.
        Assert.That(deleted.HasObject, Is.True);
        Assert.That(deleted.ObjectView<V1Namespace>().Metadata.DeletionTimestamp, Is.Not.Null);
        var terminating = await Client.CoreV1.ReadNamespaceAsync(ns);
        Assert.That(terminating.Status.Phase, Is.EqualTo("Terminating"));
        var status = await ApiAssert.FailsAsync(() => Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "late" } }, ns), 403, "Forbidden");
        Assert.Multiple(() =>
        {
            Assert.That(status.Message, Is.EqualTo($"secrets \"late\" is forbidden: unable to create new content in namespace {ns} because it is being terminated"));
            Assert.That(status.Details.Causes.Single().Reason, Is.EqualTo("NamespaceTerminating"));
        });
        await SandboxFixture.EventuallyAsync(async () => (await Client.CoreV1.ReadNamespacedSecretAsync("held", ns)).Metadata.DeletionTimestamp is not null, "content marked for deletion");
        Assert.That(await GoneAsync(() => Client.CoreV1.ReadNamespaceAsync(ns)), Is.False, "a finalizer blocks the namespace");
        await Client.CoreV1.PatchNamespacedSecretAsync(new V1Patch("""{"metadata":{"finalizers":null}}""", V1Patch.PatchType.MergePatch), "held", ns);
        await SandboxFixture.EventuallyAsync(() => GoneAsync(() => Client.CoreV1.ReadNamespaceAsync(ns)), "namespace gone");
    }

    // A7: default, kube-system and kube-public may not be deleted.
    [Test]
    public async Task Namespace_Default_MayNotBeDeleted()
    {
        var status = await ApiAssert.FailsAsync(() => Client.CoreV1.DeleteNamespaceAsync("default"), 403, "Forbidden");
        Assert.That(status.Message, Is.EqualTo("namespaces \"default\" is forbidden: this namespace may not be deleted"));
    }

    // A7: deletecollection deletes what matches the selector only.
    [Test]
    public async Task DeleteCollection_DeletesMatchingOnly()
    {
        var ns = await NamespaceAsync();
        await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "a", Labels = new Dictionary<string, string> { ["x"] = "1" } } }, ns);
        await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "b" } }, ns);
        await Client.CoreV1.DeleteCollectionNamespacedSecretAsync(ns, labelSelector: "x=1");
        var left = await Client.CoreV1.ListNamespacedSecretAsync(ns);
        Assert.That(left.Items.Select(s => s.Metadata.Name), Is.EqualTo(new[] { "b" }));
    }
}
