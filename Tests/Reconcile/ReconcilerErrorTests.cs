using System.Collections.Immutable;
using System.Text;
using System.Text.Json.Nodes;
using KamajiKubeconfig.Reconcile;
using KamajiKubeconfig.Tests.Builders;

namespace KamajiKubeconfig.Tests.Reconcile;

/// <summary>docs/behaviour.md A5 texts, B6 (one failure never stops the others), B7 collisions, scenarios C3, C4, C11.</summary>
public class ReconcilerErrorTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static string ErrorFor(TestWorld world, Generator generator, string tcp = "broken") =>
        world.Reconcile(generator, Now).Status!.Errors.Single(e => e.Resource == $"ns/{tcp}").Message;

    private static TestWorld WorldWithBroken(Action<TestWorld> breakIt)
    {
        var world = new TestWorld().Tenant("ns", "broken").Tenant("ns", "healthy");
        breakIt(world);
        return world;
    }

    [Test]
    public void Reconcile_AdminSecretNameEmpty_IsNotYetGenerated()
    {
        var world = WorldWithBroken(w => w.Tenant("ns", "broken", edit: d => d["status"]!["kubeconfig"] = null));

        Assert.That(ErrorFor(world, new GeneratorBuilder("g").Build()), Is.EqualTo("the admin kubeconfig is not yet generated"));
    }

    [Test]
    public void Reconcile_AdminSecretMissing_IsARetrievalError()
    {
        var world = WorldWithBroken(w => w.Remove("ns", "broken-admin-kubeconfig"));

        Assert.That(ErrorFor(world, new GeneratorBuilder("g").Build()),
            Is.EqualTo("an error occurred retrieving the admin Kubeconfig: secrets \"broken-admin-kubeconfig\" not found"));
    }

    [Test]
    public void Reconcile_TemplateKeyMissing_NamesTheKey()
    {
        var world = WorldWithBroken(_ => { });

        Assert.That(ErrorFor(world, new GeneratorBuilder("g").EndpointFrom("admin.typo").Build()), Is.EqualTo(
            "unable to decode Kubeconfig template: the given key is not available in the kubeconfig Secret: admin.typo"));
    }

    [Test]
    public void Reconcile_TemplateNotYaml_IsADecodeError()
    {
        var world = WorldWithBroken(w => w.Edit("ns", "broken-admin-kubeconfig",
            s => s with { Data = s.Data.SetItem("admin.conf", Encoding.UTF8.GetBytes("clusters: [unclosed")) }));

        Assert.That(ErrorFor(world, new GeneratorBuilder("g").Build()), Does.StartWith("unable to decode Kubeconfig template: the kubeconfig is not valid YAML"));
    }

    [Test]
    public void Reconcile_TemplateWithoutCluster_IsADecodeError()
    {
        var world = WorldWithBroken(w => w.Edit("ns", "broken-admin-kubeconfig",
            s => s with { Data = s.Data.SetItem("admin.conf", Encoding.UTF8.GetBytes("apiVersion: v1\nkind: Config\n")) }));

        Assert.That(ErrorFor(world, new GeneratorBuilder("g").Build()), Is.EqualTo("unable to decode Kubeconfig template: the kubeconfig has no cluster"));
    }

    [Test]
    public void Reconcile_TemplateCaDataNotBase64_IsADecodeError()
    {
        var world = WorldWithBroken(w => w.Edit("ns", "broken-admin-kubeconfig", s => s with
        {
            Data = s.Data.SetItem("admin.conf", Encoding.UTF8.GetBytes(
                "clusters:\n- cluster: {server: 'https://t:6443', certificate-authority-data: 'not base64 !'}\n  name: t\n")),
        }));

        Assert.That(ErrorFor(world, new GeneratorBuilder("g").Build()), Is.EqualTo(
            "unable to decode Kubeconfig template: the kubeconfig is not valid: certificate-authority-data is not base64"));
    }

    [Test]
    public void Reconcile_UserPathNotFound_ReportsTheDotNotation()
    {
        var world = WorldWithBroken(_ => { });

        var plan = world.Reconcile(new GeneratorBuilder("g").User(Compound.FromPath("metadata.labels.owner")).Build(), Now);

        Assert.That(plan.Status!.Errors.Select(e => e.Message).Distinct(), Is.EqualTo(new[] { "provided dot notation \"metadata.labels.owner\" is not found" }));
    }

    [Test]
    public void Reconcile_UserPathToANumber_IsUsedInInvariantForm()
    {
        var request = new TestWorld().Tenant("ns", "t").Reconcile(
            new GeneratorBuilder("g").User(Compound.FromPath("spec.networkProfile.port")).Build(), Now).Targets[0].Issue!;

        Assert.That(request.Identity.User, Is.EqualTo("6443"));
    }

    [Test]
    public void Reconcile_UserPathToAMap_IsANestedStringError()
    {
        var world = WorldWithBroken(_ => { });

        Assert.That(ErrorFor(world, new GeneratorBuilder("g").User(Compound.FromPath("spec.networkProfile")).Build()), Is.EqualTo(
            "cannot run NestedString \"spec.networkProfile\" due to an error: .spec.networkProfile accessor error: a map with 1 key is of the type map[string]interface {}, expected string"));
    }

    [Test]
    public void Reconcile_UserEmpty_AsksForAValue()
    {
        var world = WorldWithBroken(_ => { });

        Assert.That(ErrorFor(world, new GeneratorBuilder("g").User(Compound.Static("")).Build()),
            Is.EqualTo("at least a StringValue or FromDefinition for the user field must be provided"));
    }

    [Test]
    public void Reconcile_UserAbsent_AsksForAValue()
    {
        var world = WorldWithBroken(_ => { });

        Assert.That(ErrorFor(world, new GeneratorBuilder("g").User(null).Build()),
            Is.EqualTo("at least a StringValue or FromDefinition for the user field must be provided"));
    }

    [Test]
    public void Reconcile_GroupEmpty_AsksForAGroupValueBeforeLookingAtTheUser()
    {
        var world = WorldWithBroken(_ => { });

        Assert.That(ErrorFor(world, new GeneratorBuilder("g").User(null).Groups(new CompoundValue(null, "")).Build()),
            Is.EqualTo("at least a StringValue or FromDefinition Group value must be provided"));
    }

    [Test]
    public void Reconcile_GroupsWithDuplicates_CollapseAndSort()
    {
        var request = new TestWorld().Tenant("ns", "t").Reconcile(new GeneratorBuilder("g").Groups(
            Compound.Static("zeta"), Compound.FromPath("metadata.namespace"), Compound.Static("alpha"), Compound.Static("zeta")).Build(), Now)
            .Targets[0].Issue!;

        Assert.That(request.Identity.Groups, Is.EqualTo(new[] { "alpha", "ns", "zeta" }));
    }

    [Test]
    public void Reconcile_OneTcpBroken_OthersAreStillIssuedAndCounted()
    {
        var world = WorldWithBroken(w => w.Remove("ns", "broken-admin-kubeconfig"));

        var plan = world.Reconcile(new GeneratorBuilder("g").Build(), Now);

        Assert.That(plan.Targets.Select(t => (t.TenantControlPlane.Name, t.Action)),
            Is.EqualTo(new[] { ("broken", TargetAction.Hold), ("healthy", TargetAction.Issue) }));
        Assert.That((plan.Status!.Resources, plan.Status.AvailableResources), Is.EqualTo((2, 1)));
        Assert.That(plan.Status.Conditions[0], Has.Property("Status").EqualTo("False").And.Property("Reason").EqualTo("KubeconfigErrors")
            .And.Property("Message").EqualTo("1 of 2 kubeconfigs available, 1 with errors"));
    }

    [Test]
    public void Reconcile_CaSecretNameEmpty_IsNotYetGenerated()
    {
        var world = WorldWithBroken(w => w.Tenant("ns", "broken", edit: d => d["status"]!["certificates"] = null));

        Assert.That(ErrorFor(world, new GeneratorBuilder("g").Build()), Is.EqualTo(
            "an error occurred generating the \"ns/broken-g\" Secret: cannot retrieve Certificate Authority: the Certificate Authority is not yet generated"));
    }

    [Test]
    public void Reconcile_CaSecretMissing_IsAGenerationError()
    {
        var world = WorldWithBroken(w => w.Remove("ns", "broken-ca"));

        Assert.That(ErrorFor(world, new GeneratorBuilder("g").Build()), Is.EqualTo(
            "an error occurred generating the \"ns/broken-g\" Secret: cannot retrieve Certificate Authority: secrets \"broken-ca\" not found"));
    }

    [Test]
    public void Reconcile_CaCertificateGarbage_IsAParseError()
    {
        var world = WorldWithBroken(w => w.Edit("ns", "broken-ca", s => s with { Data = s.Data.SetItem("ca.crt", "junk"u8.ToArray()) }));

        Assert.That(ErrorFor(world, new GeneratorBuilder("g").Build()),
            Does.StartWith("an error occurred generating the \"ns/broken-g\" Secret: cannot parse Certificate Authority certificate:"));
    }

    [Test]
    public void Reconcile_CaKeyGarbage_IsNotReadWhenPlanning()
    {
        // The caches hold no CA key: the applier reads it to sign and reports it there (PlanExecutorTests).
        var world = WorldWithBroken(w => w.Edit("ns", "broken-ca", s => s with { Data = s.Data.SetItem("ca.key", "junk"u8.ToArray()) }));

        var plan = world.Reconcile(new GeneratorBuilder("g").Build(), Now);

        Assert.That(plan.Targets.Single(t => t.TenantControlPlane.Name == "broken").Action, Is.EqualTo(TargetAction.Issue));
    }

    [Test]
    public void Reconcile_ForeignSecretWithTargetName_IsACollisionAndIsNotTouched()
    {
        var world = WorldWithBroken(w => w.Put(new SecretInfo("ns", "broken-g", "", SortedMap.Of(("app", "mine")), SortedMap.Empty,
            EquatableList<OwnerReference>.Empty, ImmutableDictionary<string, byte[]>.Empty)));

        var plan = world.Reconcile(new GeneratorBuilder("g").Build(), Now);

        Assert.That(plan.Targets[0].Action, Is.EqualTo(TargetAction.Hold));
        Assert.That(plan.Deletes, Is.Empty);
        Assert.That(plan.Status!.Errors.Single().Message, Is.EqualTo(
            "the \"ns/broken-g\" Secret already exists and is not managed by this generator for this TenantControlPlane: refusing to overwrite it"));
    }

    [Test]
    public void Reconcile_KamajiSecretNameCollision_IsReported()
    {
        // A generator named "ca" would target "<tcp>-ca", Kamaji's own CA Secret.
        var world = new TestWorld().Tenant("ns", "t");

        var plan = world.Reconcile(new GeneratorBuilder("ca").Build(), Now);

        Assert.That(plan.Status!.Errors.Single().Message, Does.StartWith("the \"ns/t-ca\" Secret already exists and is not managed by this generator"));
    }

    [Test]
    public void Reconcile_SecretNameTooLong_IsAnError()
    {
        var longName = new string('a', 200);
        var world = new TestWorld().Tenant("ns", longName);

        var plan = world.Reconcile(new GeneratorBuilder(new string('g', 60)).Build(), Now);

        Assert.That(plan.Status!.Errors.Single().Message, Does.EndWith("is longer than 253 characters"));
    }

    [Test]
    public void Reconcile_InvalidValidity_IsASpecError()
    {
        var plan = new TestWorld().Tenant("ns", "t").Reconcile(new GeneratorBuilder("g").Validity("a year").Build(), Now);

        Assert.That(plan.Status!.Errors.Single(), Is.EqualTo(new StatusError("spec.certificate.validity", "spec.certificate.validity \"a year\" is not a valid duration")));
    }

    [Test]
    public void Reconcile_ValidityBelowMinimum_IsASpecError()
    {
        var plan = new TestWorld().Tenant("ns", "t").Reconcile(new GeneratorBuilder("g").Validity("30s").Build(), Now);

        Assert.That(plan.Status!.Errors.Single().Message, Is.EqualTo("spec.certificate.validity \"30s\" is shorter than the minimum 1m0s"));
    }

    [Test]
    public void Reconcile_UnknownKeyAlgorithm_IsASpecError()
    {
        var plan = new TestWorld().Tenant("ns", "t").Reconcile(new GeneratorBuilder("g").KeyAlgorithm("DSA-1024").Build(), Now);

        Assert.That(plan.Status!.Errors.Single().Message, Is.EqualTo(
            "spec.certificate.privateKey.algorithm \"DSA-1024\" is not one of RSA-2048, RSA-3072, RSA-4096, ECDSA-P256, ECDSA-P384"));
    }

    [Test]
    public void Reconcile_ErrorsAreSortedByResource()
    {
        var world = new TestWorld().Tenant("b", "t").Tenant("a", "t").Tenant("a", "s");

        var plan = world.Reconcile(new GeneratorBuilder("g").User(Compound.FromPath("nope")).Build(), Now);

        Assert.That(plan.Status!.Errors.Select(e => e.Resource), Is.EqualTo(new[] { "a/s", "a/t", "b/t" }));
    }

    [Test]
    public void Reconcile_TcpStatusFixed_ErrorClearsOnNextPass()
    {
        var world = new TestWorld().Tenant("ns", "t", edit: d => d["status"] = new JsonObject());
        var generator = new GeneratorBuilder("g").Build();
        Assert.That(world.Reconcile(generator, Now).Status!.Errors, Has.Count.EqualTo(1));

        world.Tenant("ns", "t");

        Assert.That(world.Reconcile(generator, Now).Status!.Errors, Is.Empty);
    }
}
