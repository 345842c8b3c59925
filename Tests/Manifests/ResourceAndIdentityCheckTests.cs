namespace KamajiKubeconfig.Tests.Manifests;

/// <summary>The resource and identity checks hold for the shipped manifests and catch a copy broken in memory.</summary>
public class ResourceAndIdentityCheckTests
{
    [Test]
    public async Task Shipped_ResourcesAndIdentityAreConsistent()
    {
        var documents = await ShippedManifests.LoadAsync();

        Assert.Multiple(() =>
        {
            Assert.That(ResourceChecks.RequestsWithinLimits(documents), Is.Empty);
            Assert.That(IdentityChecks.DeploymentServiceAccountsExist(documents), Is.Empty);
            Assert.That(IdentityChecks.BindingsNameTheDeploymentsServiceAccount(documents), Is.Empty);
            Assert.That(IdentityChecks.RoleRefsNameShippedRoles(documents), Is.Empty);
        });
    }

    // Compared as quantities, not strings: 1Gi > 512Mi although "1Gi" < "512Mi".
    [Test]
    public async Task RequestsWithinLimits_RequestAboveLimit_ComplainsWithTheApiServersMessage()
    {
        var documents = await ShippedManifests.LoadAsync();
        documents.Only("Deployment")["spec"]!["template"]!["spec"]!["containers"]![0]!["resources"]!["requests"]!["memory"] = "1Gi";

        Assert.That(ResourceChecks.RequestsWithinLimits(documents), Is.EqualTo(new[]
        {
            "Deployment kamaji-system/kubeconfig-generator: spec.template.spec.containers[0].resources.requests.memory: Invalid value: \"1Gi\": must be less than or equal to memory limit of 512Mi",
        }));
    }

    [Test]
    public async Task DeploymentServiceAccountsExist_AccountRenamed_Complains()
    {
        var documents = await ShippedManifests.LoadAsync();
        documents.Only("ServiceAccount")["metadata"]!["name"] = "kubeconfig-generator-sa";

        Assert.That(IdentityChecks.DeploymentServiceAccountsExist(documents), Is.EqualTo(new[]
        {
            "Deployment kamaji-system/kubeconfig-generator: spec.template.spec.serviceAccountName \"kubeconfig-generator\" names no shipped ServiceAccount in namespace kamaji-system",
        }));
    }

    [Test]
    public async Task BindingsNameTheDeploymentsServiceAccount_SubjectInWrongNamespace_Complains()
    {
        var documents = await ShippedManifests.LoadAsync();
        documents.Only("ClusterRoleBinding")["subjects"]![0]!["namespace"] = "kamaji";

        Assert.That(IdentityChecks.BindingsNameTheDeploymentsServiceAccount(documents), Is.EqualTo(new[]
        {
            "ClusterRoleBinding kubeconfig-generator: subjects [kamaji/kubeconfig-generator] name no ServiceAccount a shipped Deployment runs as [kamaji-system/kubeconfig-generator]",
        }));
    }

    // A RoleBinding's subject may leave the namespace out: it is the binding's own, so this still grants.
    [Test]
    public async Task BindingsNameTheDeploymentsServiceAccount_RoleBindingSubjectWithoutNamespace_Holds()
    {
        var documents = await ShippedManifests.LoadAsync();
        documents.Only("RoleBinding")["subjects"]![0]!.AsObject().Remove("namespace");

        Assert.That(IdentityChecks.BindingsNameTheDeploymentsServiceAccount(documents), Is.Empty);
    }

    [Test]
    public async Task RoleRefsNameShippedRoles_RoleRefMisspelt_Complains()
    {
        var documents = await ShippedManifests.LoadAsync();
        documents.Only("RoleBinding")["roleRef"]!["name"] = "kubeconfig-generator-leader-elect";

        Assert.That(IdentityChecks.RoleRefsNameShippedRoles(documents), Is.EqualTo(new[]
        {
            "RoleBinding kamaji-system/kubeconfig-generator-leader-election: roleRef names no shipped Role kamaji-system/kubeconfig-generator-leader-elect",
        }));
    }
}
