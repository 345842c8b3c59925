using System.Collections.Immutable;
using KamajiKubeconfig.Controller.Applier;
using KamajiKubeconfig.Controller.Issuing;
using KamajiKubeconfig.Reconcile;
using KamajiKubeconfig.Tests.Builders;
using KamajiKubeconfig.Tests.Fakes;
using Moq;

namespace KamajiKubeconfig.Tests.Applier;

/// <summary>
/// The applier against a strict mock of the API seam: exactly the calls a plan calls for, none where none is due
/// (docs/behaviour.md B3, B5, B6, B7, B11).
/// </summary>
public class PlanExecutorTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;

    private static PlanExecutor Executor(Mock<IKubeApi> api) =>
        new(api.Object, new KubeconfigIssuing(new TestWorld().Issuer, 2), new SecretWriter(api.Object), 4);

    private static Mock<IKubeApi> Strict() => new(MockBehavior.Strict);

    [Test]
    public async Task Execute_NewTarget_CreatesTheSecretThenWritesStatus()
    {
        var world = new TestWorld().Tenant("ns", "t");
        var generator = new GeneratorBuilder("g").Build();
        var plan = world.Reconcile(generator, Now);
        var api = Strict();
        api.ServesCaKeys(world);
        var sequence = new MockSequence();
        DesiredSecret? created = null;
        api.InSequence(sequence).Setup(a => a.CreateSecretAsync(It.IsAny<DesiredSecret>(), It.IsAny<CancellationToken>())).Callback<DesiredSecret, CancellationToken>((s, _) => created = s).ReturnsAsync((SecretInfo?)null);
        api.InSequence(sequence).Setup(a => a.ApplyStatusAsync("g", plan.Status!, None)).ReturnsAsync((GeneratorStatus?)null);

        var report = await Executor(api).ExecuteAsync(generator, plan, Now, None);

        Assert.That(report.Transient, Is.EqualTo(false));
        Assert.That(report.Issued, Is.EqualTo(new Dictionary<IssueReason, int> { [IssueReason.Missing] = 1 }));
        Assert.That(created!.Ref, Is.EqualTo(new ObjectRef("ns", "t-g")));
        Assert.That(created.Value, Is.Not.Null.And.Not.Empty);
        Assert.That(created.Labels[WellKnown.ManagedByLabel], Is.EqualTo("g"));
        api.VerifyAll();
    }

    [TestCase("junk", "cannot parse Certificate Authority key: no PEM data is found")]
    [TestCase("another CA's", "cannot parse Certificate Authority key: the key does not match the Certificate Authority certificate")]
    [TestCase("missing", "cannot parse Certificate Authority key: the key ca.key is missing")]
    public async Task Execute_UnusableCaKey_IsThatTenantsErrorAndTheOtherIsIssued(string key, string cause)
    {
        var world = new TestWorld().Tenant("ns", "a").Tenant("ns", "b");
        world.Edit("ns", "a-ca", s => s with
        {
            Data = key switch
            {
                "missing" => s.Data.Remove(WellKnown.CaPrivateKeyKey),
                "junk" => s.Data.SetItem(WellKnown.CaPrivateKeyKey, "junk"u8.ToArray()),
                _ => s.Data.SetItem(WellKnown.CaPrivateKeyKey, TestPki.Ca("other").KeyPem),
            },
        });
        var generator = new GeneratorBuilder("g").Build();
        var plan = world.Reconcile(generator, Now);
        var api = Strict().ServesCaKeys(world);
        var created = new List<ObjectRef>();
        api.Setup(a => a.CreateSecretAsync(It.IsAny<DesiredSecret>(), It.IsAny<CancellationToken>()))
            .Callback<DesiredSecret, CancellationToken>((s, _) => { lock (created) { created.Add(s.Ref); } }).ReturnsAsync((SecretInfo?)null);
        GeneratorStatus? status = null;
        api.Setup(a => a.ApplyStatusAsync("g", It.IsAny<GeneratorStatus>(), None))
            .Callback<string, GeneratorStatus, CancellationToken>((_, s, _) => status = s).ReturnsAsync((GeneratorStatus?)null);
        api.Setup(a => a.RecordWarningAsync(It.IsAny<Generator>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        var report = await Executor(api).ExecuteAsync(generator, plan, Now, None);

        Assert.That(created, Is.EqualTo(new[] { new ObjectRef("ns", "b-g") }));
        Assert.That(status!.Errors, Is.EqualTo(new[] { new StatusError("ns/a", $"an error occurred generating the \"ns/a-g\" Secret: {cause}") }));
        Assert.That(report.Transient, Is.False);
    }

    [Test]
    public async Task Execute_CaSecretReadFailsTransiently_ThatTenantWaitsTheOtherIsIssuedAndThePassIsRetried()
    {
        var world = new TestWorld().Tenant("ns", "a").Tenant("ns", "b");
        var generator = new GeneratorBuilder("g").Build();
        var plan = world.Reconcile(generator, Now);
        var api = new Mock<IKubeApi>().ServesCaKeys(world);
        api.Setup(a => a.GetSecretAsync(new ObjectRef("ns", "a-ca"), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new KubeApiException(ApiFailureKind.ServerError, "the server is currently unable to handle the request"));
        var created = new List<ObjectRef>();
        api.Setup(a => a.CreateSecretAsync(It.IsAny<DesiredSecret>(), It.IsAny<CancellationToken>()))
            .Callback<DesiredSecret, CancellationToken>((s, _) => { lock (created) { created.Add(s.Ref); } }).ReturnsAsync((SecretInfo?)null);

        var report = await Executor(api).ExecuteAsync(generator, plan, Now, None);

        Assert.That(created, Is.EqualTo(new[] { new ObjectRef("ns", "b-g") }));
        Assert.That(report.Transient, Is.True);
        Assert.That(report.Plan.Status!.Errors.Single().Message, Does.Contain("cannot read the Certificate Authority key: the server is currently unable"));
    }

    [Test]
    public async Task Execute_CaKeysRead_AreWipedBeforeTheWrites()
    {
        var world = new TestWorld().Tenant("ns", "t");
        var generator = new GeneratorBuilder("g").Build();
        var plan = world.Reconcile(generator, Now);
        var api = Strict();
        var read = world.Secret("ns", "t-ca")! with { Data = world.Secret("ns", "t-ca")!.Data.ToImmutableDictionary(p => p.Key, p => p.Value.ToArray()) };
        api.Setup(a => a.GetSecretAsync(new ObjectRef("ns", "t-ca"), It.IsAny<CancellationToken>())).ReturnsAsync(read);
        byte[]? keyAtWrite = null;
        api.Setup(a => a.CreateSecretAsync(It.IsAny<DesiredSecret>(), It.IsAny<CancellationToken>()))
            .Callback<DesiredSecret, CancellationToken>((_, _) => keyAtWrite = read.Get(WellKnown.CaPrivateKeyKey)!.ToArray()).ReturnsAsync((SecretInfo?)null);
        api.Setup(a => a.ApplyStatusAsync("g", It.IsAny<GeneratorStatus>(), None)).ReturnsAsync((GeneratorStatus?)null);

        var report = await Executor(api).ExecuteAsync(generator, plan, Now, None);

        Assert.That(report.Issued.Values.Sum(), Is.EqualTo(1));
        Assert.That(keyAtWrite, Is.Not.Null.And.All.EqualTo((byte)0));
    }

    [Test]
    public async Task Execute_NothingChanged_MakesNoCallAtAll()
    {
        var world = new TestWorld().Tenant("ns", "t");
        var generator = new GeneratorBuilder("g").Build();
        world.Apply(world.Reconcile(generator, Now));
        var settled = new GeneratorBuilder("g").Status(world.Reconcile(generator, Now).Status).Build();

        var report = await Executor(Strict()).ExecuteAsync(settled, world.Reconcile(settled, Now.AddHours(1)), Now.AddHours(1), None);

        Assert.That((report.Transient, report.Issued.Count, report.Repaired, report.Pruned), Is.EqualTo((false, 0, 0, 0)));
    }

    [Test]
    public async Task Execute_MetadataDrift_ReadsTheValueBackAndAppliesItWithForce()
    {
        var world = new TestWorld().Tenant("ns", "t");
        var generator = new GeneratorBuilder("g").Build();
        world.Apply(world.Reconcile(generator, Now));
        var value = world.Secret("ns", "t-g")!.Get("value");
        world.Edit("ns", "t-g", s => s with { Labels = s.Labels.Without(WellKnown.LifecycleLabel) });
        var settled = new GeneratorBuilder("g").Status(world.Reconcile(generator, Now).Status).Build();
        var plan = world.Reconcile(settled, Now);
        var api = Strict();
        // The cache holds no value (it would hold the client key): the applier GETs the version the planner judged.
        api.Setup(a => a.GetSecretAsync(new ObjectRef("ns", "t-g"), It.IsAny<CancellationToken>())).ReturnsAsync(world.Secret("ns", "t-g"));
        api.Setup(a => a.ApplySecretAsync(It.Is<DesiredSecret>(s => s.Value == value && s.Labels[WellKnown.LifecycleLabel] == "kubeconfig"), true, It.IsAny<CancellationToken>()))
            .ReturnsAsync((SecretInfo?)null);

        var report = await Executor(api).ExecuteAsync(settled, plan, Now, None);

        Assert.That(plan.Targets.Single().Secret!.Value, Is.Null, "planned from the cache, which holds no value");
        Assert.That(report.Repaired, Is.EqualTo(1));
        api.VerifyAll();
    }

    [Test]
    public async Task Execute_MetadataDriftButTheSecretChangedSincePlanned_AppliesNothingAndRetries()
    {
        var world = new TestWorld().Tenant("ns", "t");
        var generator = new GeneratorBuilder("g").Build();
        world.Apply(world.Reconcile(generator, Now));
        world.Edit("ns", "t-g", s => s with { Labels = s.Labels.Without(WellKnown.LifecycleLabel) });
        var settled = new GeneratorBuilder("g").Status(world.Reconcile(generator, Now).Status).Build();
        var plan = world.Reconcile(settled, Now);
        // Someone wrote another value after the pass read the cache: applying it back would bless an unjudged value.
        world.Edit("ns", "t-g", s => s with { Data = s.Data.SetItem("value", "someone else's"u8.ToArray()) });
        var api = Strict();
        api.Setup(a => a.GetSecretAsync(new ObjectRef("ns", "t-g"), It.IsAny<CancellationToken>())).ReturnsAsync(world.Secret("ns", "t-g"));
        api.Setup(a => a.ApplyStatusAsync("g", It.IsAny<GeneratorStatus>(), It.IsAny<CancellationToken>())).ReturnsAsync((GeneratorStatus?)null);
        api.Setup(a => a.RecordWarningAsync(It.IsAny<Generator>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        var report = await Executor(api).ExecuteAsync(settled, plan, Now, None);

        Assert.That((report.Transient, report.Repaired), Is.EqualTo((true, 0)));
        api.Verify(a => a.ApplySecretAsync(It.IsAny<DesiredSecret>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Execute_GeneratorWithoutFinalizer_AddsItFirstGuardedByResourceVersion()
    {
        var world = new TestWorld().Tenant("ns", "t");
        var generator = new GeneratorBuilder("g").WithoutFinalizer().Build() with { ResourceVersion = "42" };
        var plan = world.Reconcile(generator, Now);
        var api = Strict();
        api.ServesCaKeys(world);
        var sequence = new MockSequence();
        api.InSequence(sequence).Setup(a => a.SetFinalizersAsync("g", "42", new[] { WellKnown.Finalizer }, None)).Returns(Task.CompletedTask);
        api.InSequence(sequence).Setup(a => a.CreateSecretAsync(It.IsAny<DesiredSecret>(), It.IsAny<CancellationToken>())).ReturnsAsync((SecretInfo?)null);
        api.InSequence(sequence).Setup(a => a.ApplyStatusAsync("g", It.IsAny<GeneratorStatus>(), None)).ReturnsAsync((GeneratorStatus?)null);

        await Executor(api).ExecuteAsync(generator, plan, Now, None);

        api.VerifyAll();
    }

    [Test]
    public async Task Execute_FinalizerConflict_StopsThePassAsTransient()
    {
        var world = new TestWorld().Tenant("ns", "t");
        var generator = new GeneratorBuilder("g").WithoutFinalizer().Build();
        var api = Strict();
        api.Setup(a => a.SetFinalizersAsync("g", "", It.IsAny<IReadOnlyList<string>>(), None)).ThrowsAsync(new KubeApiException(ApiFailureKind.Conflict, "conflict"));

        var report = await Executor(api).ExecuteAsync(generator, world.Reconcile(generator, Now), Now, None);

        Assert.That(report.Transient, Is.EqualTo(true));
    }

    [Test]
    public async Task Execute_ForeignSecretAppearedUnderTheName_IsNotWrittenAndIsReported()
    {
        var world = new TestWorld().Tenant("ns", "t");
        var generator = new GeneratorBuilder("g").Build();
        var plan = world.Reconcile(generator, Now);
        var foreign = new SecretInfo("ns", "t-g", "9", SortedMap.Of(("app", "x")), SortedMap.Empty, EquatableList<OwnerReference>.Empty,
            System.Collections.Immutable.ImmutableDictionary<string, byte[]>.Empty);
        var api = Strict();
        api.ServesCaKeys(world);
        api.Setup(a => a.CreateSecretAsync(It.IsAny<DesiredSecret>(), It.IsAny<CancellationToken>())).ThrowsAsync(new KubeApiException(ApiFailureKind.AlreadyExists, "exists"));
        api.Setup(a => a.GetSecretAsync(new ObjectRef("ns", "t-g"), It.IsAny<CancellationToken>())).ReturnsAsync(foreign);
        GeneratorStatus? written = null;
        api.Setup(a => a.ApplyStatusAsync("g", It.IsAny<GeneratorStatus>(), None)).Callback<string, GeneratorStatus, CancellationToken>((_, s, _) => written = s).ReturnsAsync((GeneratorStatus?)null);
        api.Setup(a => a.RecordWarningAsync(generator, "KubeconfigErrors", It.Is<string>(m => m.Contains("refusing to overwrite it")), None)).Returns(Task.CompletedTask);

        var report = await Executor(api).ExecuteAsync(generator, plan, Now, None);

        Assert.That(report.Transient, Is.EqualTo(false));
        Assert.That(written!.Errors.Single().Message, Is.EqualTo(
            "the \"ns/t-g\" Secret already exists and is not managed by this generator for this TenantControlPlane: refusing to overwrite it"));
        api.VerifyAll();
    }

    [Test]
    public async Task Execute_OurSecretNotYetInCache_IsAppliedAfterTheCreateConflict()
    {
        var world = new TestWorld().Tenant("ns", "t");
        var generator = new GeneratorBuilder("g").Build();
        var plan = world.Reconcile(generator, Now);
        var ours = new SecretInfo("ns", "t-g", "9", SortedMap.Of((WellKnown.ManagedByLabel, "g"), (WellKnown.ManagedForLabel, "t")), SortedMap.Empty,
            EquatableList<OwnerReference>.Empty, System.Collections.Immutable.ImmutableDictionary<string, byte[]>.Empty);
        var api = Strict();
        api.ServesCaKeys(world);
        api.Setup(a => a.CreateSecretAsync(It.IsAny<DesiredSecret>(), It.IsAny<CancellationToken>())).ThrowsAsync(new KubeApiException(ApiFailureKind.AlreadyExists, "exists"));
        api.Setup(a => a.GetSecretAsync(new ObjectRef("ns", "t-g"), It.IsAny<CancellationToken>())).ReturnsAsync(ours);
        api.Setup(a => a.ApplySecretAsync(It.IsAny<DesiredSecret>(), true, It.IsAny<CancellationToken>())).ReturnsAsync((SecretInfo?)null);
        api.Setup(a => a.ApplyStatusAsync("g", plan.Status!, None)).ReturnsAsync((GeneratorStatus?)null);

        await Executor(api).ExecuteAsync(generator, plan, Now, None);

        api.VerifyAll();
    }

    [TestCase("other", "", true)]
    [TestCase("t", "uid-of-a-configmap", false)]
    public async Task Execute_CreateConflict_UsesThePlannersProofOfOwnership(string managedFor, string foreignController, bool applied)
    {
        var world = new TestWorld().Tenant("ns", "t");
        var generator = new GeneratorBuilder("g").Build();
        var plan = world.Reconcile(generator, Now);
        var tcpUid = world.GetTenant("ns", "t").Uid;
        var controller = foreignController.Length == 0
            ? new OwnerReference(WellKnown.ApiVersion, WellKnown.TenantControlPlaneKind, "t", tcpUid, true, true)
            : new OwnerReference("v1", "ConfigMap", "cm", foreignController, true, true);
        var existing = new SecretInfo("ns", "t-g", "9", SortedMap.Of((WellKnown.ManagedByLabel, "g"), (WellKnown.ManagedForLabel, managedFor)), SortedMap.Empty,
            EquatableList.Of(controller), System.Collections.Immutable.ImmutableDictionary<string, byte[]>.Empty);
        var api = new Mock<IKubeApi>();
        api.ServesCaKeys(world);
        api.Setup(a => a.CreateSecretAsync(It.IsAny<DesiredSecret>(), It.IsAny<CancellationToken>())).ThrowsAsync(new KubeApiException(ApiFailureKind.AlreadyExists, "exists"));
        api.Setup(a => a.GetSecretAsync(new ObjectRef("ns", "t-g"), It.IsAny<CancellationToken>())).ReturnsAsync(existing);

        await Executor(api).ExecuteAsync(generator, plan, Now, None);

        api.Verify(a => a.ApplySecretAsync(It.IsAny<DesiredSecret>(), true, It.IsAny<CancellationToken>()), applied ? Times.Once() : Times.Never());
    }

    [Test]
    public async Task Execute_StatusWrite_IsInTheLedgerBeforeTheWatchCanEchoIt()
    {
        var world = new TestWorld().Tenant("ns", "t");
        var generator = new GeneratorBuilder("g").Build();
        var plan = world.Reconcile(generator, Now);
        var ledger = new StatusLedger();
        var api = new Mock<IKubeApi>();
        api.ServesCaKeys(world);
        GeneratorStatus? recordedAtWrite = null;
        api.Setup(a => a.ApplyStatusAsync("g", It.IsAny<GeneratorStatus>(), None))
            .Callback(() => recordedAtWrite = ledger.LastWritten("g"))
            .ReturnsAsync((GeneratorStatus?)null);

        await new PlanExecutor(api.Object, new KubeconfigIssuing(world.Issuer, 2), new SecretWriter(api.Object), 4, statusLedger: ledger)
            .ExecuteAsync(generator, plan, Now, None);

        Assert.That(recordedAtWrite, Is.EqualTo(plan.Status));
    }

    [Test]
    public async Task Execute_StatusAlreadyStoredAsComputed_IsRecordedAsOursWithoutAWrite()
    {
        var world = new TestWorld().Tenant("ns", "t");
        var first = new GeneratorBuilder("g").Build();
        var applied = world.Reconcile(first, Now);
        world.Apply(applied);
        var generator = first with { Status = applied.Status };
        var plan = world.Reconcile(generator, Now);
        var ledger = new StatusLedger();
        var api = Strict();

        await new PlanExecutor(api.Object, new KubeconfigIssuing(world.Issuer, 2), new SecretWriter(api.Object), 4, statusLedger: ledger)
            .ExecuteAsync(generator, plan, Now, None);

        Assert.That(ledger.LastWritten("g"), Is.EqualTo(applied.Status));
        api.Verify(a => a.ApplyStatusAsync(It.IsAny<string>(), It.IsAny<GeneratorStatus>(), It.IsAny<CancellationToken>()), Times.Never());
    }

    [Test]
    public async Task Execute_ServerUnavailableForOneSecret_OthersAreWrittenAndThePassIsRetried()
    {
        var world = new TestWorld().Tenant("ns", "a").Tenant("ns", "b");
        var generator = new GeneratorBuilder("g").Build();
        var api = Strict();
        api.ServesCaKeys(world);
        api.Setup(a => a.CreateSecretAsync(It.Is<DesiredSecret>(s => s.Ref.Name == "a-g"), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new KubeApiException(ApiFailureKind.Throttled, "slow down", TimeSpan.FromSeconds(3)));
        api.Setup(a => a.CreateSecretAsync(It.Is<DesiredSecret>(s => s.Ref.Name == "b-g"), It.IsAny<CancellationToken>())).ReturnsAsync((SecretInfo?)null);
        GeneratorStatus? written = null;
        api.Setup(a => a.ApplyStatusAsync("g", It.IsAny<GeneratorStatus>(), None)).Callback<string, GeneratorStatus, CancellationToken>((_, s, _) => written = s).ReturnsAsync((GeneratorStatus?)null);
        api.Setup(a => a.RecordWarningAsync(generator, "KubeconfigErrors", It.IsAny<string>(), None)).Returns(Task.CompletedTask);

        var report = await Executor(api).ExecuteAsync(generator, world.Reconcile(generator, Now), Now, None);

        Assert.That((report.Transient, report.RetryAfter), Is.EqualTo((true, (TimeSpan?)TimeSpan.FromSeconds(3))));
        Assert.That((written!.Resources, written.AvailableResources), Is.EqualTo((2, 1)));
        Assert.That(written.Errors.Single().Message, Is.EqualTo("an error occurred generating the \"ns/a-g\" Secret: slow down"));
        api.VerifyAll();
    }

    [Test]
    public async Task Execute_SameErrorsAsBefore_RaisesNoNewEvent()
    {
        var world = new TestWorld().Tenant("ns", "t");
        world.Remove("ns", "t-admin-kubeconfig");
        var generator = new GeneratorBuilder("g").Build();
        var firstStatus = world.Reconcile(generator, Now).Status;
        var settled = new GeneratorBuilder("g").Status(firstStatus).Generation(2).Build();
        var api = Strict();
        api.Setup(a => a.ApplyStatusAsync("g", It.IsAny<GeneratorStatus>(), None)).ReturnsAsync((GeneratorStatus?)null);

        await Executor(api).ExecuteAsync(settled, world.Reconcile(settled, Now), Now, None);

        api.VerifyAll();
    }

    [Test]
    public async Task Execute_Prune_DeletesTheSecret()
    {
        var world = new TestWorld().Tenant("ns", "t");
        var generator = new GeneratorBuilder("g").Build();
        world.Apply(world.Reconcile(generator, Now));
        world.RemoveTenant("ns", "t");
        var settled = new GeneratorBuilder("g").Status(world.Reconcile(generator, Now).Status).Build();
        var api = Strict();
        api.Setup(a => a.DeleteSecretAsync(new ObjectRef("ns", "t-g"), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        var report = await Executor(api).ExecuteAsync(settled, world.Reconcile(settled, Now), Now, None);

        Assert.That(report.Pruned, Is.EqualTo(1));
        api.VerifyAll();
    }

    [Test]
    public async Task Execute_Finalizing_DeletesSecretsAndOnlyThenReleasesTheFinalizer()
    {
        var world = new TestWorld().Tenant("ns", "t");
        world.Apply(world.Reconcile(new GeneratorBuilder("g").Build(), Now));
        var deleting = new GeneratorBuilder("g").Deleting().Build() with { ResourceVersion = "7" };
        var api = Strict();
        api.Setup(a => a.DeleteSecretAsync(new ObjectRef("ns", "t-g"), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        await Executor(api).ExecuteAsync(deleting, world.Reconcile(deleting, Now), Now, None);
        world.Remove("ns", "t-g");
        api.Setup(a => a.SetFinalizersAsync("g", "7", Array.Empty<string>(), None)).Returns(Task.CompletedTask);
        await Executor(api).ExecuteAsync(deleting, world.Reconcile(deleting, Now), Now, None);

        api.VerifyAll();
    }

    [Test]
    public async Task Execute_Paused_MakesNoCallAtAll()
    {
        var world = new TestWorld().Tenant("ns", "t");
        var paused = new GeneratorBuilder("g").Paused().WithoutFinalizer().Build();

        var report = await Executor(Strict()).ExecuteAsync(paused, world.Reconcile(paused, Now), Now, None);

        Assert.That(report.Transient, Is.EqualTo(false));
    }
}
