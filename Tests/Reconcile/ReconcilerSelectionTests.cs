using System.Text;
using KamajiKubeconfig.Reconcile;
using KamajiKubeconfig.Tests.Builders;

namespace KamajiKubeconfig.Tests.Reconcile;

/// <summary>docs/behaviour.md A1, A3, B3, B10 and scenarios C1, C2: what is selected, what is written, what is pruned.</summary>
public class ReconcilerSelectionTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static TestWorld DocsWorld() => new TestWorld()
        .Namespace("prod-a", ("environment", "production"))
        .Namespace("prod-b", ("environment", "production"))
        .Namespace("dev", ("environment", "development"))
        .Tenant("prod-a", "alpha").Tenant("prod-b", "beta").Tenant("dev", "gamma");

    private static GeneratorBuilder DocsGenerator() => new GeneratorBuilder("tenant")
        .NamespaceSelector(GeneratorBuilder.Labels(("environment", "production")))
        .TenantControlPlaneSelector(LabelSelector.Everything);

    [Test]
    public void Reconcile_DocsExample_IssuesOneSecretPerSelectedTcp()
    {
        var plan = DocsWorld().Reconcile(DocsGenerator().Build(), Now);

        Assert.That(plan.Targets.Select(t => (t.SecretRef.ToString(), t.Action, t.Reason)), Is.EqualTo(new[]
        {
            ("prod-a/alpha-tenant", TargetAction.Issue, (IssueReason?)IssueReason.Missing),
            ("prod-b/beta-tenant", TargetAction.Issue, IssueReason.Missing),
        }));
    }

    [Test]
    public void Reconcile_DocsExample_DesiredSecretHasKamajiLabelsAndControllerOwner()
    {
        var target = DocsWorld().Reconcile(DocsGenerator().Build(), Now).Targets[0];

        Assert.That(target.Secret!.Labels, Is.EqualTo(SortedMap.Of(
            ("kamaji.clastix.io/managed-by", "tenant"),
            ("kamaji.clastix.io/managed-for", "alpha"),
            ("kamaji.clastix.io/certificate_lifecycle_controller", "kubeconfig"))));
        Assert.That(target.Secret.Owner, Is.EqualTo(new OwnerReference(
            "kamaji.clastix.io/v1alpha1", "TenantControlPlane", "alpha", "uid-prod-a-alpha", Controller: true, BlockOwnerDeletion: true)));
    }

    [Test]
    public void Reconcile_DocsExample_RequestCarriesIdentityTemplateAndValidity()
    {
        var request = DocsWorld().Reconcile(DocsGenerator().Build(), Now).Targets[0].Issue!;

        Assert.That(request.Identity, Is.EqualTo(new Identity("alpha", EquatableList.Of("customer-admins"))));
        Assert.That(request.Cluster.Name, Is.EqualTo("alpha"));
        Assert.That(request.Cluster.Server, Is.EqualTo("https://203.0.113.10:6443"));
        Assert.That(request.KeyAlgorithm, Is.EqualTo(KeyAlgorithm.Rsa2048));
        Assert.That(request.NotBefore, Is.EqualTo(Now.AddMinutes(-5)));
        Assert.That(request.NotAfter, Is.EqualTo(Now.AddDays(365)));
    }

    [Test]
    public void Reconcile_DocsExample_StatusIsExact()
    {
        var plan = DocsWorld().Reconcile(DocsGenerator().Generation(3).Build(), Now);

        Assert.That(plan.Status, Is.EqualTo(new GeneratorStatus(3, 2, 2, EquatableList<StatusError>.Empty, EquatableList.Of(
            new Condition("Ready", "True", 3, Now, "Available", "2 of 2 kubeconfigs available")))));
        Assert.That(plan.StatusChanged, Is.True);
    }

    [Test]
    public void Reconcile_AdminSvcDefault_UsesTheInClusterServer()
    {
        var request = DocsWorld().Reconcile(DocsGenerator().EndpointFrom("admin.svc").Build(), Now).Targets[0].Issue!;

        Assert.That(request.Cluster.Server, Is.EqualTo("https://alpha.prod-a.svc:6443"));
    }

    [Test]
    public void Reconcile_AbsentSelectors_SelectEveryTcpSortedByNamespaceAndName()
    {
        var plan = DocsWorld().Reconcile(new GeneratorBuilder("all").Build(), Now);

        Assert.That(plan.Targets.Select(t => t.TenantControlPlane.ToString()), Is.EqualTo(new[] { "dev/gamma", "prod-a/alpha", "prod-b/beta" }));
    }

    [Test]
    public void Reconcile_TcpSelector_FiltersByTcpLabels()
    {
        var world = new TestWorld().Tenant("ns", "a", labels: [("tier", "gold")]).Tenant("ns", "b", labels: [("tier", "silver")]);

        var plan = world.Reconcile(new GeneratorBuilder("g").TenantControlPlaneSelector(GeneratorBuilder.Expression("tier", "In", "gold")).Build(), Now);

        Assert.That(plan.Targets.Select(t => t.TenantControlPlane.Name), Is.EqualTo(new[] { "a" }));
    }

    [Test]
    public void Reconcile_NamespaceRelabelledOut_PrunesItsSecrets()
    {
        var world = DocsWorld();
        world.Apply(world.Reconcile(DocsGenerator().Build(), Now));
        world.Namespace("prod-b", ("environment", "retired"));

        var plan = world.Reconcile(DocsGenerator().Build(), Now);

        Assert.That(plan.Deletes, Is.EqualTo(EquatableList.Of(new ObjectRef("prod-b", "beta-tenant"))));
        Assert.That(plan.Targets.Select(t => t.Action), Is.EqualTo(new[] { TargetAction.Keep }));
    }

    [Test]
    public void Reconcile_NamespaceRelabelledIn_IssuesForItsTcps()
    {
        var world = DocsWorld();
        world.Apply(world.Reconcile(DocsGenerator().Build(), Now));
        world.Namespace("dev", ("environment", "production"));

        var plan = world.Reconcile(DocsGenerator().Build(), Now);

        Assert.That(plan.Targets.Where(t => t.Action == TargetAction.Issue).Select(t => t.SecretRef.ToString()), Is.EqualTo(new[] { "dev/gamma-tenant" }));
    }

    [Test]
    public void Reconcile_SelectorNarrowed_PrunesOnlyThisGeneratorsSecrets()
    {
        var world = DocsWorld();
        world.Apply(world.Reconcile(new GeneratorBuilder("other").Build(), Now));
        world.Apply(world.Reconcile(new GeneratorBuilder("tenant").Build(), Now));

        var plan = world.Reconcile(DocsGenerator().Build(), Now);

        Assert.That(plan.Deletes, Is.EqualTo(EquatableList.Of(new ObjectRef("dev", "gamma-tenant"))));
    }

    [Test]
    public void Reconcile_TcpDeleted_PrunesItsSecret()
    {
        var world = DocsWorld();
        world.Apply(world.Reconcile(DocsGenerator().Build(), Now));
        world.RemoveTenant("prod-a", "alpha");

        Assert.That(world.Reconcile(DocsGenerator().Build(), Now).Deletes, Is.EqualTo(EquatableList.Of(new ObjectRef("prod-a", "alpha-tenant"))));
    }

    [Test]
    public void Reconcile_InvalidNamespaceSelector_ReportsOneSpecErrorAndPrunesNothing()
    {
        var world = DocsWorld();
        world.Apply(world.Reconcile(DocsGenerator().Build(), Now));

        var plan = world.Reconcile(DocsGenerator().NamespaceSelector(GeneratorBuilder.Expression("environment", "in", "production")).Build(), Now);

        Assert.That(plan.Deletes, Is.Empty);
        Assert.That(plan.Targets, Is.Empty);
        Assert.That(plan.Status!.Errors, Is.EqualTo(EquatableList.Of(new StatusError("spec.namespaceSelector",
            "NamespaceSelector contains an error: \"in\" is not a valid label selector operator"))));
        Assert.That(plan.Status.Conditions[0].Reason, Is.EqualTo("InvalidSpec"));
    }

    [Test]
    public void Reconcile_InvalidTcpSelector_ReportsOneSpecError()
    {
        var plan = DocsWorld().Reconcile(DocsGenerator().TenantControlPlaneSelector(GeneratorBuilder.Expression("tier", "In")).Build(), Now);

        Assert.That(plan.Status!.Errors.Single().Message,
            Is.EqualTo("TenantControlPlaneSelector contains an error: for 'in', 'notin' operators, values set can't be empty"));
    }

    [Test]
    public void Reconcile_SecretTemplateMetadata_IsAddedButCannotOverrideOurs()
    {
        var generator = DocsGenerator()
            .SecretLabels(SortedMap.Of(("team", "blue"), (WellKnown.ManagedByLabel, "someone-else")))
            .SecretAnnotations(SortedMap.Of(("note", "hello"), (WellKnown.RotateAnnotation, "")))
            .Build();

        var secret = DocsWorld().Reconcile(generator, Now).Targets[0].Secret!;

        Assert.That(secret.Labels[WellKnown.ManagedByLabel], Is.EqualTo("tenant"));
        Assert.That(secret.Labels["team"], Is.EqualTo("blue"));
        Assert.That(secret.Annotations, Is.EqualTo(SortedMap.Of(("note", "hello"))));
    }

    [Test]
    public void Reconcile_SameInput_GivesEqualPlans()
    {
        var world = DocsWorld();
        world.Apply(world.Reconcile(DocsGenerator().Build(), Now));
        world.Edit("prod-a", "alpha-tenant", s => s with { Labels = s.Labels.Without(WellKnown.LifecycleLabel) });
        world.Namespace("dev", ("environment", "production"));
        var generator = DocsGenerator().Build();

        var first = world.Reconcile(generator, Now);
        var second = world.Reconcile(generator, Now);

        Assert.That(first.Targets.Select(t => t.Action), Is.EquivalentTo(new[] { TargetAction.Repair, TargetAction.Keep, TargetAction.Issue }));
        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Reconcile_IssuedKubeconfig_HasExactlyOneClusterUserAndContext()
    {
        var world = DocsWorld();
        world.Apply(world.Reconcile(DocsGenerator().Build(), Now));

        var config = KubeconfigReader.TryRead(Encoding.UTF8.GetString(world.Secret("prod-a", "alpha-tenant")!.Get("value")!), out _)!;

        Assert.That(config.Clusters.Select(c => c.Name), Is.EqualTo(new[] { "alpha" }));
        Assert.That(config.Users.Select(u => u.Name), Is.EqualTo(new[] { "tenant" }));
        Assert.That(config.Contexts, Is.EqualTo(new[] { new KubeconfigContext("tenant", "alpha", "tenant") }));
        Assert.That(config.CurrentContext, Is.EqualTo("tenant"));
    }
}
