using System.Text;
using KamajiKubeconfig.Reconcile;
using KamajiKubeconfig.Tests.Builders;

namespace KamajiKubeconfig.Tests.Reconcile;

/// <summary>docs/behaviour.md A4, B1, B2, B8 and scenarios C5–C8: when a certificate is kept, repaired or reissued.</summary>
public class ReconcilerRenewalTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Generator Default = new GeneratorBuilder("g").Build();

    private static TestWorld Issued(Generator? generator = null, DateTimeOffset? at = null, string tcp = "t")
    {
        var world = new TestWorld().Tenant("ns", tcp);
        world.Apply(world.Reconcile(generator ?? Default, at ?? Now));
        return world;
    }

    private static TargetPlan Only(TestWorld world, Generator? generator = null, DateTimeOffset? at = null, ReconcileOptions? options = null) =>
        world.Reconcile(generator ?? Default, at ?? Now, options).Targets.Single();

    [Test]
    public void Reconcile_SecondPass_KeepsAndWritesNothing()
    {
        var world = Issued();

        var plan = world.Reconcile(Default, Now.AddHours(1));

        Assert.That(plan.Targets.Single(), Has.Property("Action").EqualTo(TargetAction.Keep).And.Property("Secret").Null);
        Assert.That(plan.Deletes, Is.Empty);
    }

    [Test]
    public void Reconcile_UserChanged_Reissues()
    {
        var world = Issued();

        var target = Only(world, new GeneratorBuilder("g").User(Compound.Static("alice")).Build());

        Assert.That((target.Action, target.Reason), Is.EqualTo((TargetAction.Issue, (IssueReason?)IssueReason.IdentityChanged)));
    }

    [Test]
    public void Reconcile_GroupsChanged_Reissues()
    {
        var world = Issued();

        Assert.That(Only(world, new GeneratorBuilder("g").Groups(Compound.Static("ops")).Build()).Reason, Is.EqualTo(IssueReason.IdentityChanged));
    }

    [Test]
    public void Reconcile_GroupsReordered_Keeps()
    {
        var twoGroups = new GeneratorBuilder("g").Groups(Compound.Static("a"), Compound.Static("b")).Build();
        var world = Issued(twoGroups);

        Assert.That(Only(world, new GeneratorBuilder("g").Groups(Compound.Static("b"), Compound.Static("a")).Build()).Action,
            Is.EqualTo(TargetAction.Keep));
    }

    [Test]
    public void Reconcile_RotationRequested_ReissuesOnceAndStampsTheTime()
    {
        var world = Issued();
        world.Edit("ns", "t-g", s => s with { Annotations = s.Annotations.With(WellKnown.RotateAnnotation, "") });

        var plan = world.Reconcile(Default, Now);
        world.Apply(plan);

        Assert.That(plan.Targets[0].Reason, Is.EqualTo(IssueReason.RotationRequested));
        Assert.That(world.Secret("ns", "t-g")!.Annotations[WellKnown.RotateAnnotation], Is.EqualTo("2026-06-01T12:00:00Z"));
        Assert.That(Only(world, at: Now.AddMinutes(1)).Action, Is.EqualTo(TargetAction.Keep));
    }

    [Test]
    public void Reconcile_RotationAnnotationWithOtherValue_IsIgnoredButCarried()
    {
        var world = Issued();
        world.Edit("ns", "t-g", s => s with { Annotations = s.Annotations.With(WellKnown.RotateAnnotation, "true") });
        world.Edit("ns", "t-g", s => s with { Labels = s.Labels.Without(WellKnown.LifecycleLabel) });

        var target = Only(world);

        Assert.That(target.Action, Is.EqualTo(TargetAction.Repair));
        Assert.That(target.Secret!.Annotations[WellKnown.RotateAnnotation], Is.EqualTo("true"));
    }

    [Test]
    public void Reconcile_BeforeRenewalWindow_RequeuesAtItsStart()
    {
        var world = Issued();

        var plan = world.Reconcile(Default, Now.AddDays(1));

        Assert.That(plan.RequeueAt, Is.EqualTo(Now.AddDays(365) - TimeSpan.FromHours(24)));
    }

    [Test]
    public void Reconcile_InsideRenewalWindow_ReissuesAsExpiring()
    {
        var world = Issued();
        var renewAt = Now.AddDays(365) - TimeSpan.FromHours(24);

        Assert.That(Only(world, at: renewAt.AddSeconds(-1)).Action, Is.EqualTo(TargetAction.Keep));
        Assert.That(Only(world, at: renewAt).Reason, Is.EqualTo(IssueReason.Expiring));
    }

    [Test]
    public void Reconcile_LargerExpirationDeadline_RenewsEarlier()
    {
        var world = Issued();
        var options = ReconcileOptions.Default with { ExpirationDeadline = TimeSpan.FromDays(30) };

        Assert.That(Only(world, at: Now.AddDays(336), options: options).Reason, Is.EqualTo(IssueReason.Expiring));
    }

    [Test]
    public void Reconcile_ShortValidity_RenewsAtTwoThirds()
    {
        var shortLived = new GeneratorBuilder("g").Validity("3h").Build();
        var world = Issued(shortLived);

        var plan = world.Reconcile(shortLived, Now);

        Assert.That(plan.RequeueAt, Is.EqualTo(Now.AddHours(2)));
        Assert.That(Only(world, shortLived, Now.AddHours(2)).Reason, Is.EqualTo(IssueReason.Expiring));
    }

    [Test]
    public void Reconcile_NewCertificate_NeverOutlivesTheCa()
    {
        var world = new TestWorld().Tenant("ns", "t", ca: TestPki.Ca("short", validityYears: 1));

        var request = Only(world).Issue!;

        Assert.That(request.NotAfter, Is.EqualTo(TestPki.CaNotBefore.AddYears(1)));
    }

    [Test]
    public void Reconcile_CertificateCappedByExpiringCa_IsKeptWithoutRequeueLoop()
    {
        var world = new TestWorld().Tenant("ns", "t", ca: TestPki.Ca("short", validityYears: 1));
        world.Apply(world.Reconcile(Default, Now));
        var nearCaExpiry = TestPki.CaNotBefore.AddYears(1).AddHours(-1);

        var plan = world.Reconcile(Default, nearCaExpiry);

        Assert.That(plan.Targets[0].Action, Is.EqualTo(TargetAction.Keep));
        Assert.That(plan.RequeueAt, Is.Null);
    }

    [Test]
    public void Reconcile_CaRotated_ReissuesChainedToTheNewCa()
    {
        var world = Issued();
        var rotated = TestPki.Ca("rotated");
        world.PutCa("ns", "t", rotated);
        world.PutAdminKubeconfig("ns", "t", rotated, "https://203.0.113.10:6443");

        var plan = world.Reconcile(Default, Now);

        Assert.That(plan.Targets[0].Reason, Is.EqualTo(IssueReason.CertificateAuthorityChanged));
        Assert.That(plan.Targets[0].Issue!.CertificateAuthority.CertificatePem, Is.EqualTo(rotated.CertificatePem));
    }

    [Test]
    public void Reconcile_CaSecretRotatedBeforeTemplate_WaitsForTheTemplateThenIssuesOnce()
    {
        // Kamaji writes the new CA Secret first and the admin kubeconfig after it: issuing in between would pair the
        // new certificate with the old CA data, and the template's update would force a second certificate.
        var world = Issued();
        var before = world.Secret("ns", "t-g");
        var rotated = TestPki.Ca("rotated");
        world.PutCa("ns", "t", rotated);

        var waiting = Only(world);
        Assert.Multiple(() =>
        {
            Assert.That((waiting.Action, waiting.Reason), Is.EqualTo((TargetAction.Hold, (IssueReason?)IssueReason.CertificateAuthorityChanged)));
            Assert.That(waiting.Error, Does.Contain("certificate-authority-data does not include the certificate of \"ns/t-ca\""));
            Assert.That(world.Secret("ns", "t-g"), Is.SameAs(before));
        });

        world.PutAdminKubeconfig("ns", "t", rotated, "https://203.0.113.10:6443");
        var plan = world.Reconcile(Default, Now);
        world.Apply(plan);

        Assert.Multiple(() =>
        {
            Assert.That(plan.Targets[0].Action, Is.EqualTo(TargetAction.Issue));
            Assert.That(Only(world).Action, Is.EqualTo(TargetAction.Keep));
        });
    }

    [Test]
    public void Reconcile_TemplateTrustsABundleWithTheCa_Issues()
    {
        var world = Issued();
        var rotated = TestPki.Ca("rotated");
        world.PutCa("ns", "t", rotated);
        var other = TestPki.Ca("other");
        var bundle = other with { CertificatePem = [.. other.CertificatePem, .. rotated.CertificatePem] };
        world.PutAdminKubeconfig("ns", "t", bundle, "https://203.0.113.10:6443");

        Assert.That(Only(world).Action, Is.EqualTo(TargetAction.Issue));
    }

    [Test]
    public void Reconcile_ServerChanged_Reissues()
    {
        var world = Issued();
        world.PutAdminKubeconfig("ns", "t", TestPki.Ca(), "https://tenant.example.com:443");

        Assert.That(Only(world).Reason, Is.EqualTo(IssueReason.EndpointChanged));
    }

    [Test]
    public void Reconcile_EndpointKeyChanged_Reissues()
    {
        var world = Issued();

        Assert.That(Only(world, new GeneratorBuilder("g").EndpointFrom("admin.svc").Build()).Reason, Is.EqualTo(IssueReason.EndpointChanged));
    }

    [Test]
    public void Reconcile_KeyAlgorithmChanged_Reissues()
    {
        var world = Issued();

        Assert.That(Only(world, new GeneratorBuilder("g").KeyAlgorithm("ECDSA-P256").Build()).Reason, Is.EqualTo(IssueReason.KeyAlgorithmChanged));
    }

    [Test]
    public void Reconcile_EcdsaKeys_AreKeptOnceIssued()
    {
        var ecdsa = new GeneratorBuilder("g").KeyAlgorithm("ECDSA-P384").Build();
        var world = Issued(ecdsa);

        Assert.That(Only(world, ecdsa).Action, Is.EqualTo(TargetAction.Keep));
    }

    [Test]
    public void Reconcile_SecretDeleted_IsIssuedAgain()
    {
        var world = Issued();
        world.Remove("ns", "t-g");

        Assert.That(Only(world).Reason, Is.EqualTo(IssueReason.Missing));
    }

    [Test]
    public void Reconcile_ValueCorrupted_IsIssuedAgain()
    {
        var world = Issued();
        world.Edit("ns", "t-g", s => s with { Data = s.Data.SetItem("value", "{{{"u8.ToArray()) });

        Assert.That(Only(world).Reason, Is.EqualTo(IssueReason.Unreadable));
    }

    [Test]
    public void Reconcile_ValueMissing_IsIssuedAgain()
    {
        var world = Issued();
        world.Edit("ns", "t-g", s => s with { Data = s.Data.Remove("value") });

        Assert.That(Only(world).Reason, Is.EqualTo(IssueReason.Unreadable));
    }

    [Test]
    public void Reconcile_SecondUserAdded_IsIssuedAgain()
    {
        var world = Issued();
        world.Edit("ns", "t-g", s => s with
        {
            Data = s.Data.SetItem("value", Encoding.UTF8.GetBytes(TestWorld.Kubeconfig(s) + "- name: intruder\n  user: {}\n")),
        });

        Assert.That(Only(world).Reason, Is.EqualTo(IssueReason.LayoutChanged));
    }

    [Test]
    public void Reconcile_KeySwappedForAnotherOne_IsIssuedAgain()
    {
        var world = Issued();
        var otherWorld = Issued(new GeneratorBuilder("g").KeyAlgorithm("RSA-3072").Build());
        var foreignKey = TestWorld.Kubeconfig(otherWorld.Secret("ns", "t-g")!).Split("client-key-data: ")[1];
        world.Edit("ns", "t-g", s =>
        {
            var mine = TestWorld.Kubeconfig(s);
            var tampered = mine.Split("client-key-data: ")[0] + "client-key-data: " + foreignKey;
            return s with { Data = s.Data.SetItem("value", Encoding.UTF8.GetBytes(tampered)) };
        });

        Assert.That(Only(world).Reason, Is.EqualTo(IssueReason.KeyMismatch));
    }

    [Test]
    public void Reconcile_LabelsRemoved_RepairsWithTheSameCertificate()
    {
        var world = Issued();
        var before = world.Secret("ns", "t-g")!.Get("value");
        world.Edit("ns", "t-g", s => s with { Labels = s.Labels.Without(WellKnown.LifecycleLabel) });

        var plan = world.Reconcile(Default, Now);
        var target = plan.Targets.Single();
        world.Apply(plan);

        Assert.That(target.Action, Is.EqualTo(TargetAction.Repair));
        Assert.That(target.Secret!.Value, Is.Null, "planned from the cache, which holds no value: the applier reads it back");
        Assert.That(target.Secret.Labels[WellKnown.LifecycleLabel], Is.EqualTo("kubeconfig"));
        Assert.That(world.Secret("ns", "t-g")!.Get("value"), Is.EqualTo(before));
        Assert.That(Only(world).Action, Is.EqualTo(TargetAction.Keep));
    }

    [Test]
    public void Reconcile_OwnerReferenceRemoved_Repairs()
    {
        var world = Issued();
        world.Edit("ns", "t-g", s => s with { OwnerReferences = EquatableList<OwnerReference>.Empty });

        Assert.That(Only(world).Action, Is.EqualTo(TargetAction.Repair));
    }

    [Test]
    public void Reconcile_OtherControllerOwner_IsReported()
    {
        var world = Issued();
        world.Edit("ns", "t-g", s => s with
        {
            OwnerReferences = EquatableList.Of(new OwnerReference("apps/v1", "Deployment", "x", "uid-x", true, true)),
        });

        Assert.That(Only(world).Error, Is.EqualTo("the \"ns/t-g\" Secret is controlled by Deployment \"x\": refusing to take it over"));
    }

    [Test]
    public void Reconcile_ExtraLabelsFromOthers_AreNoDrift()
    {
        var world = Issued();
        world.Edit("ns", "t-g", s => s with { Labels = s.Labels.With("team", "blue"), Annotations = s.Annotations.With("note", "x") });

        Assert.That(Only(world).Action, Is.EqualTo(TargetAction.Keep));
    }
}
