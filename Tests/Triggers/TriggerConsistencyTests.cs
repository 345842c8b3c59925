using System.Reflection;
using KamajiKubeconfig.Reconcile;
using KamajiKubeconfig.Tests.Builders;
using static KamajiKubeconfig.Tests.Triggers.TriggerWorld;

namespace KamajiKubeconfig.Tests.Triggers;

/// <summary>
/// Triggers must agree with reconcile about what a generator selects, or a change reconcile would act on wakes no one.
/// These tests hold the two side by side over one small world with every selector operator.
/// </summary>
public class TriggerConsistencyTests
{
    private static readonly Generator[] Generators =
    [
        new GeneratorBuilder("all").Build(),
        new GeneratorBuilder("prod").NamespaceSelector(GeneratorBuilder.Labels(("env", "prod"))).Build(),
        new GeneratorBuilder("not-prod").NamespaceSelector(GeneratorBuilder.Expression("env", "NotIn", "prod")).Build(),
        new GeneratorBuilder("gold-or-silver").TenantControlPlaneSelector(GeneratorBuilder.Expression("tier", "In", "gold", "silver")).Build(),
        new GeneratorBuilder("tiered").TenantControlPlaneSelector(GeneratorBuilder.Expression("tier", "Exists")).Build(),
        new GeneratorBuilder("untiered-in-labelled-ns").NamespaceSelector(GeneratorBuilder.Expression("env", "Exists"))
            .TenantControlPlaneSelector(GeneratorBuilder.Expression("tier", "DoesNotExist")).Build(),
        new GeneratorBuilder("invalid").NamespaceSelector(GeneratorBuilder.Expression("env", "Equals", "prod")).Build(),
    ];

    private static readonly NamespaceInfo[] Namespaces =
        [Namespace("prod-1", ("env", "prod")), Namespace("dev-1", ("env", "dev")), Namespace("plain")];

    private static readonly TenantControlPlane[] Tenants =
    [
        Tenant("prod-1", "gold", [("tier", "gold")]),
        Tenant("prod-1", "bare"),
        Tenant("dev-1", "silver", [("tier", "silver")]),
        Tenant("dev-1", "bronze", [("tier", "bronze")]),
        Tenant("plain", "gold", [("tier", "gold")]),
        Tenant("plain", "bare"),
    ];

    private static TestCaseData[] AllTenants() => [.. Tenants.Select(t => new TestCaseData(t).SetArgDisplayNames(t.Ref.ToString()))];

    private static TriggerWorld World()
    {
        var world = new TriggerWorld();
        Array.ForEach(Generators, g => world.Put(g));
        Array.ForEach(Namespaces, n => world.Put(n));
        Array.ForEach(Tenants, t => world.Put(t));
        return world;
    }

    private static string[] SelectingByReconcile(TenantControlPlane tcp)
    {
        var cluster = new ClusterSnapshot(Namespaces, Tenants, []);
        return [.. Generators
            .Where(g => TargetSelector.Select(g.Spec, cluster, out _)?.Any(t => t.Ref == tcp.Ref) == true)
            .Select(g => g.Name)
            .Order(StringComparer.Ordinal)];
    }

    [TestCaseSource(nameof(AllTenants))]
    public void ForTenantControlPlane_Added_EnqueuesExactlyWhatReconcileSelects(TenantControlPlane tcp)
    {
        var world = World();

        var names = world.Triggers.ForTenantControlPlane(null, tcp);

        Assert.That(names, Is.EqualTo(SelectingByReconcile(tcp)));
    }

    [TestCaseSource(nameof(AllTenants))]
    public void ForSecret_CaChanged_EnqueuesExactlyWhatReconcileSelectsForItsTcp(TenantControlPlane tcp)
    {
        var world = World();

        var names = world.Triggers.ForSecret(null, Secret(tcp.Namespace, tcp.CaSecretName!, "1"));

        Assert.That(names, Is.EqualTo(SelectingByReconcile(tcp)));
    }

    [Test]
    public void ForNamespace_Deleted_EnqueuesEveryGeneratorReconcileSelectedThere()
    {
        var world = World();

        foreach (var ns in Namespaces)
        {
            var names = world.Triggers.ForNamespace(ns, null);

            var selected = Tenants.Where(t => t.Namespace == ns.Name).SelectMany(SelectingByReconcile).Distinct();
            Assert.That(names, Is.SupersetOf(selected), ns.Name);
        }
    }

    /// <summary>
    /// GeneratorTriggers.ChangesPass compares exactly what reconcile reads from a TCP. A new field on the record is
    /// something reconcile may start reading: this test fails so the comparison gets reviewed with it.
    /// </summary>
    [Test]
    // ResourceVersion is reviewed and deliberately not compared: it moves on every write, status-only ones too.
    public void TenantControlPlane_Fields_AreTheOnesTriggersCompare()
    {
        var fields = typeof(TenantControlPlane).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).Order(StringComparer.Ordinal);

        Assert.That(fields, Is.EqualTo(new[]
        {
            "AdminSecretName", "Annotations", "CaSecretName", "Document", "IsPaused", "Json", "Labels", "Name", "Namespace", "Ref", "ResourceVersion", "Uid",
        }));
    }
}
