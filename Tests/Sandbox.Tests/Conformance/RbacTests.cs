using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace KamajiKubeconfig.Sandbox.Tests.Conformance;

/// <summary>Authorization by RBAC loaded from YAML: verbs, subresources, resourceNames, service accounts, 403 text.</summary>
[Parallelizable(ParallelScope.All)]
public sealed class RbacTests
{
    private static SandboxServer _server = null!;

    [OneTimeSetUp]
    public static async Task StartAsync()
    {
        _server = await SandboxFixture.StartAsync(new SandboxOptions { RbacPaths = [Path.Combine(SandboxFixture.FixturesDirectory, "rbac")] });
        using var admin = SandboxFixture.Client(_server);
        await admin.CustomObjects.CreateClusterCustomObjectAsync(JsonNode.Parse("""{"apiVersion":"example.com/v1","kind":"Gadget","metadata":{"name":"g"}}""")!, "example.com", "v1", "gadgets");
        await admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "team-b" } });
        foreach (var name in new[] { "allowed", "other" })
        {
            await admin.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = name } }, "team-b");
        }
    }

    [OneTimeTearDown]
    public static async Task StopAsync() => await _server.DisposeAsync();

    // RBAC: a RoleBinding grants its verbs in its namespace only; elsewhere 403 with the real message.
    [Test]
    public async Task RoleBinding_GrantsInItsNamespaceOnly()
    {
        using var alice = SandboxFixture.Client(_server, _server.AddUser("alice"));
        await alice.CoreV1.ListNamespacedSecretAsync("team-a");
        var status = await ApiAssert.FailsAsync(() => alice.CoreV1.ListNamespacedSecretAsync("team-b"), 403, "Forbidden");
        Assert.Multiple(() =>
        {
            Assert.That(status.Message, Is.EqualTo("secrets is forbidden: User \"alice\" cannot list resource \"secrets\" in API group \"\" in the namespace \"team-b\""));
            Assert.That(status.Details.Kind, Is.EqualTo("secrets"));
        });
        status = await ApiAssert.FailsAsync(() => alice.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "x" } }, "team-a"), 403, "Forbidden");
        Assert.That(status.Message, Is.EqualTo("secrets is forbidden: User \"alice\" cannot create resource \"secrets\" in API group \"\" in the namespace \"team-a\""));
    }

    // RBAC: service-account subjects, subresource rules (gadgets/status) and resourceNames.
    [Test]
    public async Task ServiceAccount_SubresourceAndResourceNames()
    {
        using var controller = SandboxFixture.Client(_server, _server.AddServiceAccount("system", "controller"));
        await controller.CustomObjects.PatchClusterCustomObjectStatusAsync(new V1Patch("""{"status":{"ok":true}}""", V1Patch.PatchType.MergePatch), "example.com", "v1", "gadgets", "g");
        var status = await ApiAssert.FailsAsync(() => controller.CustomObjects.PatchClusterCustomObjectAsync(new V1Patch("""{"spec":{}}""", V1Patch.PatchType.MergePatch), "example.com", "v1", "gadgets", "g"), 403, "Forbidden");
        Assert.That(status.Message, Is.EqualTo("gadgets.example.com \"g\" is forbidden: User \"system:serviceaccount:system:controller\" cannot patch resource \"gadgets\" in API group \"example.com\" at the cluster scope"));
        await controller.CoreV1.ReadNamespacedSecretAsync("allowed", "team-b");
        await ApiAssert.FailsAsync(() => controller.CoreV1.ReadNamespacedSecretAsync("other", "team-b"), 403, "Forbidden");
    }

    // RBAC: SelfSubjectAccessReview answers with the caller's permissions.
    [Test]
    public async Task SelfSubjectAccessReview_ReportsAllowed()
    {
        using var alice = SandboxFixture.Client(_server, _server.AddUser("alice"));
        var review = await alice.AuthorizationV1.CreateSelfSubjectAccessReviewAsync(new V1SelfSubjectAccessReview
        {
            Spec = new V1SelfSubjectAccessReviewSpec { ResourceAttributes = new V1ResourceAttributes { Verb = "watch", Resource = "secrets", NamespaceProperty = "team-a" } },
        });
        Assert.That(review.Status.Allowed, Is.True);
    }

    // RBAC: the admin token (system:masters) bypasses authorization; groups in bindings match.
    [Test]
    public async Task Groups_AndAdmin()
    {
        using var admin = SandboxFixture.Client(_server);
        await admin.CoreV1.ListNamespacedSecretAsync("team-b");
        using var nobody = SandboxFixture.Client(_server, _server.AddUser("bob", "developers"));
        await ApiAssert.FailsAsync(() => nobody.CoreV1.ListNamespaceAsync(), 403, "Forbidden");
    }
}
