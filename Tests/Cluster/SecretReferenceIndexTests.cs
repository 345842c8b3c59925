using KamajiKubeconfig.Controller.Cluster;
using KamajiKubeconfig.Informers;
using KamajiKubeconfig.Reconcile;
using static KamajiKubeconfig.Tests.Triggers.TriggerWorld;

namespace KamajiKubeconfig.Tests.Cluster;

/// <summary>The TCP cache index that answers "which TCPs name this Secret in their status".</summary>
public class SecretReferenceIndexTests
{
    [Test]
    public void ValuesOf_ReadyTcp_ListsAdminAndCaSecretsWithNamespace()
    {
        var tcp = Tenant("ns1", "t1");

        var values = SecretReferenceIndex.ValuesOf(tcp);

        Assert.That(values, Is.EqualTo(new[] { "ns1/t1-admin-kubeconfig", "ns1/t1-ca" }));
    }

    [Test]
    public void ValuesOf_TcpWithoutStatus_ListsNothing()
    {
        var tcp = Tenant("ns1", "t1", edit: d => d.Remove("status"));

        var values = SecretReferenceIndex.ValuesOf(tcp);

        Assert.That(values, Is.Empty);
    }

    [Test]
    public void ValuesOf_SameSecretForBoth_ListsItOnce()
    {
        var tcp = Tenant("ns1", "t1", edit: d => d["status"]!["certificates"]!["ca"]!["secretName"] = "t1-admin-kubeconfig");

        var values = SecretReferenceIndex.ValuesOf(tcp);

        Assert.That(values, Is.EqualTo(new[] { "ns1/t1-admin-kubeconfig" }));
    }

    [Test]
    public void ByIndex_InInformerCache_FindsTcpBySecretAndFollowsStatusChanges()
    {
        var cache = new InformerCache<TenantControlPlane>(
            new ObjectAccessor<TenantControlPlane>(t => new ObjectKey(t.Namespace, t.Name), t => t.Document.GetProperty("metadata").GetProperty("resourceVersion").GetString()!),
            new Dictionary<string, Func<TenantControlPlane, IEnumerable<string>>> { [SecretReferenceIndex.Name] = SecretReferenceIndex.ValuesOf });
        var before = Tenant("ns1", "t1");
        var after = Edited(before, d => d["status"]!["certificates"]!["ca"]!["secretName"] = "t1-ca-2");
        cache.Upsert(before);
        cache.Upsert(Tenant("ns2", "t1"));

        cache.Upsert(after);

        Assert.Multiple(() =>
        {
            Assert.That(cache.Snapshot.ByIndex(SecretReferenceIndex.Name, SecretReferenceIndex.ValueOf(new ObjectRef("ns1", "t1-ca-2"))), Is.EqualTo(new[] { after }));
            Assert.That(cache.Snapshot.ByIndex(SecretReferenceIndex.Name, SecretReferenceIndex.ValueOf(new ObjectRef("ns1", "t1-ca"))), Is.Empty);
        });
    }
}
