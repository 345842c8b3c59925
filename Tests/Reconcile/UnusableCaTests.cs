using System.Collections.Immutable;
using System.Text;
using KamajiKubeconfig.Reconcile;
using KamajiKubeconfig.Tests.Builders;

namespace KamajiKubeconfig.Tests.Reconcile;

/// <summary>
/// Issue 14 (4, 5) and 15 (6): a TCP whose CA cannot sign (expired, not a CA, no keyCertSign), or whose planning
/// throws for any reason, is that TCP's status error; the generator's other tenants proceed, and every selected
/// TCP without a valid kubeconfig is in <c>errors</c> (docs/behaviour.md B6).
/// </summary>
public class UnusableCaTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Generator Default = new GeneratorBuilder("g").Build();

    private static TestWorld WithBadCa(TestCa bad) => new TestWorld().Tenant("ns", "bad", bad).Tenant("ns", "good").Tenant("ns", "good2");

    public static IEnumerable<TestCaseData> BadCas() =>
    [
        new TestCaseData(TestPki.Unusual("expired", notAfter: Now.AddDays(-1)), "the Certificate Authority certificate expired at") { TestName = "{m}(expired)" },
        new TestCaseData(TestPki.Unusual("leaf", markedCa: false), "is not a CA: its basic constraints do not say CA:TRUE") { TestName = "{m}(CA:FALSE)" },
        new TestCaseData(TestPki.Unusual("nosign", keyCertSign: false), "is not a CA: its key usage does not allow keyCertSign") { TestName = "{m}(no keyCertSign)" },
    ];

    [TestCaseSource(nameof(BadCas))]
    public void Reconcile_UnusableCa_IsThatTcpsErrorAndTheOthersAreIssued(TestCa bad, string message)
    {
        var plan = WithBadCa(bad).Reconcile(Default, Now);

        Assert.Multiple(() =>
        {
            Assert.That(plan.Status!.Errors.Select(e => e.Resource), Is.EqualTo(new[] { "ns/bad" }));
            Assert.That(plan.Status.Errors[0].Message, Does.StartWith("an error occurred generating the \"ns/bad-g\" Secret: ").And.Contain(message));
            Assert.That(plan.Targets.Where(t => t.TenantControlPlane.Name != "bad").Select(t => t.Action), Is.All.EqualTo(TargetAction.Issue));
            Assert.That((plan.Status.Resources, plan.Status.AvailableResources), Is.EqualTo((3, 2)));
        });
    }

    [Test]
    public void Reconcile_ExistingKubeconfigSignedByANonCa_IsNotCountedAvailable()
    {
        // The kubeconfig chains by signature to the CA certificate's key, yet no verifier accepts that chain.
        var leaf = TestPki.Unusual("leaf", markedCa: false);
        var world = new TestWorld().Tenant("ns", "t");
        world.Apply(world.Reconcile(Default, Now));
        world.PutCa("ns", "t", leaf);
        world.PutAdminKubeconfig("ns", "t", leaf, "https://203.0.113.10:6443");

        var plan = world.Reconcile(Default, Now);

        Assert.That((plan.Status!.AvailableResources, plan.Status.Errors.Count), Is.EqualTo((0, 1)));
    }

    [Test]
    public void Reconcile_CaExpiredSinceTheKubeconfigWasIssued_IsAnErrorNotAKeep()
    {
        var shortLived = TestPki.Unusual("short", notAfter: Now.AddDays(30));
        var world = new TestWorld().Tenant("ns", "t", shortLived);
        world.Apply(world.Reconcile(Default, Now));

        var plan = world.Reconcile(Default, Now.AddDays(31));

        Assert.That(plan.Status!.Errors.Single().Message, Does.Contain("expired at"));
    }

    [TestCase("80000000h", "is not a valid duration")] // beyond Go's time.Duration (about 2562047h)
    [TestCase("87601h", "is longer than the maximum 87600h0m0s")]
    [TestCase("9999999999999h", "is not a valid duration")]
    public void Reconcile_UnreasonableValidity_IsOneSpecErrorNotAnException(string validity, string message)
    {
        var plan = WithBadCa(TestPki.Ca()).Reconcile(new GeneratorBuilder("g").Validity(validity).Build(), Now);

        Assert.Multiple(() =>
        {
            Assert.That(plan.Status!.Errors.Single().Resource, Is.EqualTo("spec.certificate.validity"));
            Assert.That(plan.Status.Errors.Single().Message, Does.Contain(message));
            Assert.That(plan.Deletes, Is.Empty);
        });
    }

    [Test]
    public void Reconcile_MaximumValidity_IsCappedAtTheCaExpiry()
    {
        var plan = new TestWorld().Tenant("ns", "t").Reconcile(new GeneratorBuilder("g").Validity("87600h").Build(), Now);

        Assert.That(plan.Targets.Single().Issue!.NotAfter, Is.EqualTo(TestPki.CaNotBefore.AddYears(10)));
    }

    /// <summary>A view whose lookups for one TCP throw: whatever goes wrong planning one TCP stays with it.</summary>
    private sealed class ThrowingView(IClusterView inner, string poisoned) : IClusterView
    {
        public IEnumerable<NamespaceInfo> Namespaces => inner.Namespaces;

        public IEnumerable<TenantControlPlane> TenantControlPlanesIn(string @namespace) => inner.TenantControlPlanesIn(@namespace);

        public SecretInfo? GetSecret(ObjectRef secret) =>
            secret.Name.StartsWith(poisoned, StringComparison.Ordinal) ? throw new InvalidOperationException("lookup failed") : inner.GetSecret(secret);

        public IEnumerable<SecretInfo> SecretsManagedBy(string generator) => inner.SecretsManagedBy(generator);
    }

    [Test]
    public void Reconcile_PlanningOneTcpThrows_ThatTcpIsAnErrorAndTheOthersArePlanned()
    {
        var world = WithBadCa(TestPki.Ca());

        var plan = Reconciler.Reconcile(Default, new ThrowingView(world.Snapshot(), "bad"), Now, ReconcileOptions.Default);

        Assert.Multiple(() =>
        {
            Assert.That(plan.Status!.Errors.Single().Message,
                Is.EqualTo("an error occurred planning the \"ns/bad-g\" Secret: InvalidOperationException: lookup failed"));
            Assert.That(plan.Targets.Count(t => t.Action == TargetAction.Issue), Is.EqualTo(2));
        });
    }

    public static IEnumerable<TestCaseData> BrokenWorlds()
    {
        yield return new TestCaseData(new Action<TestWorld>(w => w.Remove("ns", "bad-ca"))) { TestName = "{m}(CA missing)" };
        yield return new TestCaseData(new Action<TestWorld>(w => w.Remove("ns", "bad-admin-kubeconfig"))) { TestName = "{m}(admin missing)" };
        yield return new TestCaseData(new Action<TestWorld>(w => w.Edit("ns", "bad-ca", s => s with { Data = s.Data.SetItem("ca.key", Encoding.ASCII.GetBytes("junk")) })))
        { TestName = "{m}(CA key junk)" };
        yield return new TestCaseData(new Action<TestWorld>(w => w.Edit("ns", "bad-ca", s => s with { Data = s.Data.SetItem("ca.crt", Encoding.ASCII.GetBytes("junk")) })))
        { TestName = "{m}(CA certificate junk)" };
        yield return new TestCaseData(new Action<TestWorld>(w => w.Edit("ns", "bad-admin-kubeconfig",
            s => s with { Data = s.Data.SetItem("admin.conf", Encoding.ASCII.GetBytes("clusters: []\n")) })))
        { TestName = "{m}(no cluster)" };
        yield return new TestCaseData(new Action<TestWorld>(w => w.Put(new SecretInfo("ns", "bad-g", "", SortedMap.Empty, SortedMap.Empty,
            EquatableList<OwnerReference>.Empty, ImmutableDictionary<string, byte[]>.Empty))))
        { TestName = "{m}(foreign Secret)" };
        yield return new TestCaseData(new Action<TestWorld>(w => w.PutCa("ns", "bad", TestPki.Unusual("x", markedCa: false)))) { TestName = "{m}(not a CA)" };
    }

    [TestCaseSource(nameof(BrokenWorlds))]
    public void Reconcile_EveryTcpWithoutAValidKubeconfig_IsInErrorsAndTheCountsAgree(Action<TestWorld> breakIt)
    {
        foreach (var issuedBefore in new[] { false, true })
        {
            var world = WithBadCa(TestPki.Ca());
            if (issuedBefore)
            {
                world.Apply(world.Reconcile(Default, Now));
            }
            breakIt(world);

            var plan = world.Reconcile(Default, Now);

            var unavailable = plan.Targets.Where(t => !t.IsAvailable).Select(t => t.TenantControlPlane.ToString());
            Assert.Multiple(() =>
            {
                Assert.That(plan.Status!.Errors.Select(e => e.Resource), Is.EqualTo(unavailable));
                Assert.That(plan.Status.Errors.Select(e => e.Resource), Is.SubsetOf(new[] { "ns/bad" }));
                Assert.That(plan.Status.Resources - plan.Status.AvailableResources, Is.EqualTo(plan.Status.Errors.Count));
            });
        }
    }
}
