using KamajiKubeconfig.Controller.Cluster;
using KamajiKubeconfig.Informers;
using KamajiKubeconfig.Reconcile;
using KamajiKubeconfig.Tests.Builders;

namespace KamajiKubeconfig.Tests.Reconcile;

/// <summary>
/// Issue 14 (1): the Secret names a TCP's status gives are validated before any use, and a Secret is only ever
/// read from the TCP's own namespace, from the cache and by direct read alike (docs/behaviour.md A2).
/// </summary>
public class SecretReferenceTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static IEnumerable<string> HostileNames() =>
    [
        "../../other/secrets/ca", "../other-ca", "..", ".", "a/b", "ca%2Fother", "ca?watch=true", "ca#fragment", "ca name", " ca", "ca\n",
        "CA", "ca\u202e", new string('a', 300), "-ca", "ca.", "",
    ];

    /// <summary>Records every Secret lookup reconcile makes.</summary>
    private sealed class RecordingView(IClusterView inner) : IClusterView
    {
        public List<ObjectRef> Reads { get; } = [];

        public IEnumerable<NamespaceInfo> Namespaces => inner.Namespaces;

        public IEnumerable<TenantControlPlane> TenantControlPlanesIn(string @namespace) => inner.TenantControlPlanesIn(@namespace);

        public SecretInfo? GetSecret(ObjectRef secret)
        {
            Reads.Add(secret);
            return inner.GetSecret(secret);
        }

        public IEnumerable<SecretInfo> SecretsManagedBy(string generator) => inner.SecretsManagedBy(generator);
    }

    private static Generator OnlyNs() =>
        new GeneratorBuilder("g").NamespaceSelector(GeneratorBuilder.Labels(("kubernetes.io/metadata.name", "ns"))).Build();

    private static TestWorld WorldNaming(string path, string name)
    {
        // Another namespace holds a perfectly good CA and admin kubeconfig: the prize of a traversal.
        var world = new TestWorld().Tenant("other", "victim").Tenant("ns", "healthy");
        world.Tenant("ns", "tcp", edit: d => d["status"]![path]![path == "kubeconfig" ? "admin" : "ca"]!["secretName"] = name);
        return world;
    }

    [TestCaseSource(nameof(HostileNames))]
    public void Reconcile_CaSecretNameNotASecretName_IsThatTcpsErrorAndNeverRead(string name)
    {
        var world = WorldNaming("certificates", name);
        var view = new RecordingView(world.Snapshot());

        var plan = Reconciler.Reconcile(OnlyNs(), view, Now, ReconcileOptions.Default);

        var tcp = plan.Targets.Single(t => t.TenantControlPlane.Name == "tcp");
        Assert.Multiple(() =>
        {
            Assert.That(tcp.Action, Is.EqualTo(TargetAction.Hold));
            Assert.That(tcp.Error, name.Length == 0 ? Does.Contain("the Certificate Authority is not yet generated")
                : Does.Contain("status.certificates.ca.secretName").And.Contain("is not a valid Secret name"));
            Assert.That(tcp.Error, Does.Not.Contain("\n").And.Not.Contain("\u202e"));
            Assert.That(plan.Targets.Single(t => t.TenantControlPlane.Name == "healthy").Action, Is.EqualTo(TargetAction.Issue));
            Assert.That(view.Reads.Where(r => r.Namespace == "ns").Select(r => r.Name), Has.None.EqualTo(name));
            Assert.That(view.Reads.Select(r => r.Namespace), Is.All.EqualTo("ns"));
        });
    }

    [TestCaseSource(nameof(HostileNames))]
    public void Reconcile_AdminSecretNameNotASecretName_IsThatTcpsErrorAndNeverRead(string name)
    {
        var world = WorldNaming("kubeconfig", name);
        var view = new RecordingView(world.Snapshot());

        var plan = Reconciler.Reconcile(OnlyNs(), view, Now, ReconcileOptions.Default);

        var tcp = plan.Targets.Single(t => t.TenantControlPlane.Name == "tcp");
        var expected = name.Length == 0 ? "the admin kubeconfig is not yet generated" : "is not a valid Secret name";
        Assert.Multiple(() =>
        {
            Assert.That(tcp.Action, Is.EqualTo(TargetAction.Hold));
            Assert.That(tcp.Error, Does.Contain(expected));
            Assert.That(view.Reads.Where(r => r.Namespace == "ns").Select(r => r.Name), Has.None.EqualTo(name));
            Assert.That(view.Reads.Select(r => r.Namespace), Is.All.EqualTo("ns"));
        });
    }

    [Test]
    public void Reconcile_LongName_IsQuotedCutSoStatusStaysSmall()
    {
        var world = WorldNaming("certificates", new string('a', 5000));

        var error = world.Reconcile(new GeneratorBuilder("g").Build(), Now).Status!.Errors.Single(e => e.Resource == "ns/tcp").Message;

        Assert.That(error.Length, Is.LessThan(600));
    }

    [TestCaseSource(nameof(HostileNames))]
    public void MissingReferences_InvalidNames_AreNeverReadDirectly(string name)
    {
        var tcps = new InformerCache<TenantControlPlane>(new(t => new ObjectKey(t.Namespace, t.Name), t => t.ResourceVersion));
        var world = new TestWorld().Tenant("ns", "tcp", edit: d =>
        {
            d["status"]!["certificates"]!["ca"]!["secretName"] = name;
            d["status"]!["kubeconfig"]!["admin"]!["secretName"] = name;
        });
        tcps.Replace([world.GetTenant("ns", "tcp")]);
        var empty = new InformerCache<SecretInfo>(new(s => new ObjectKey(s.Namespace, s.Name), s => s.ResourceVersion));
        var namespaces = new InformerCache<NamespaceInfo>(new(n => ObjectKey.Cluster(n.Name), n => n.ResourceVersion));
        namespaces.Replace([new NamespaceInfo("ns", SortedMap.Empty)]);
        var view = new CacheClusterView(namespaces.Snapshot, tcps.Snapshot, empty.Snapshot, empty.Snapshot, new Dictionary<ObjectRef, SecretInfo>());

        Assert.That(view.MissingReferences(new GeneratorBuilder("g").Build().Spec).Select(m => m.Secret), Is.Empty);
    }

    [Test]
    public void MissingReferences_ValidUncachedName_IsReadInTheTcpsNamespace()
    {
        var tcps = new InformerCache<TenantControlPlane>(new(t => new ObjectKey(t.Namespace, t.Name), t => t.ResourceVersion));
        tcps.Replace([new TestWorld().Tenant("ns", "tcp").GetTenant("ns", "tcp")]);
        var empty = new InformerCache<SecretInfo>(new(s => new ObjectKey(s.Namespace, s.Name), s => s.ResourceVersion));
        var namespaces = new InformerCache<NamespaceInfo>(new(n => ObjectKey.Cluster(n.Name), n => n.ResourceVersion));
        namespaces.Replace([new NamespaceInfo("ns", SortedMap.Empty)]);
        var view = new CacheClusterView(namespaces.Snapshot, tcps.Snapshot, empty.Snapshot, empty.Snapshot, new Dictionary<ObjectRef, SecretInfo>());

        Assert.That(view.MissingReferences(new GeneratorBuilder("g").Build().Spec).Select(m => m.Secret),
            Is.EquivalentTo(new[] { new ObjectRef("ns", "tcp-admin-kubeconfig"), new ObjectRef("ns", "tcp-ca") }));
    }

    [TestCaseSource(nameof(HostileNames))]
    public void SecretReferenceIndex_InvalidNames_AreNotIndexed(string name)
    {
        var tcp = new TestWorld().Tenant("ns", "tcp", edit: d => d["status"]!["certificates"]!["ca"]!["secretName"] = name).GetTenant("ns", "tcp");

        Assert.That(SecretReferenceIndex.ValuesOf(tcp), Is.EqualTo(new[] { "ns/tcp-admin-kubeconfig" }));
    }

    [TestCase("ca", true)]
    [TestCase("tcp-admin-kubeconfig", true)]
    [TestCase("a.b-c.d", true)]
    [TestCase("a..b", false)]
    [TestCase("A", false)]
    public void ObjectNames_IsValid_FollowsRfc1123Subdomain(string name, bool valid) =>
        Assert.That(ObjectNames.IsValid(name), Is.EqualTo(valid));

    [Test]
    public void ObjectNames_At253Characters_IsValidAndAt254Not() =>
        Assert.That((ObjectNames.IsValid(new string('a', 253)), ObjectNames.IsValid(new string('a', 254))), Is.EqualTo((true, false)));
}
