using System.Collections.Immutable;
using System.Text;
using KamajiKubeconfig.Controller.Mapping;
using KamajiKubeconfig.Reconcile;
using KamajiKubeconfig.Tests.Builders;

namespace KamajiKubeconfig.Tests.Mapping;

/// <summary>The cache transform for Kamaji's Secrets: smaller, no admin keys, same reconcile outcome.</summary>
public class KamajiSecretTrimmerTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    // Every key Kamaji writes, as if generators read each of them.
    private static readonly HashSet<string> AllKeys = ["admin.conf", "admin.svc", "super-admin.conf", "super-admin.svc"];

    [Test]
    public void Trim_AdminKubeconfig_KeepsOnlyTheClusterTheTemplateStandsFor()
    {
        var world = new TestWorld().Tenant("ns", "t");
        var admin = world.Secret("ns", "t-admin-kubeconfig")! with { Labels = SortedMap.Of((WellKnown.ComponentLabel, "admin-kubeconfig")) };

        var trimmed = KamajiSecretTrimmer.Trim(admin, admin.Data.Keys.ToHashSet());

        var before = KubeconfigReader.TryRead(Encoding.UTF8.GetString(admin.Get("admin.conf")!), out _)!;
        Assert.That(trimmed.Templates!["admin.conf"], Is.EqualTo(TemplateLoader.ChooseCluster(before)));
        Assert.That(trimmed.Templates.Keys, Is.EquivalentTo(admin.Data.Keys));
        Assert.That(trimmed.Data, Is.Empty, "no admin kubeconfig (and so no admin key) is kept");
    }

    [Test]
    public void Trim_AdminKubeconfig_KeepsOnlyTheKeysGeneratorsRead()
    {
        var secret = Admin(("admin.conf", "clusters: [unclosed"), ("admin.svc", "clusters:\n- cluster: {server: https://t.ns.svc:6443}\n  name: t\n"),
            ("super-admin.conf", "clusters: [unclosed"));

        var trimmed = KamajiSecretTrimmer.Trim(secret, new HashSet<string> { "admin.svc" });

        Assert.That(trimmed.Templates!.Keys, Is.EqualTo(new[] { "admin.svc" }));
        Assert.That(trimmed.Data, Is.Empty, "a key no generator reads is neither parsed nor kept, readable or not");
        Assert.That(KamajiSecretTrimmer.Trim(secret, new HashSet<string>()).Templates, Is.Empty);
    }

    [Test]
    public void Trim_TemplateWhoseContextNamesTheSecondCluster_KeepsThatCluster()
    {
        const string yaml = """
            apiVersion: v1
            clusters:
            - cluster: {server: https://first:6443}
              name: first
            - cluster: {server: https://second:6443, certificate-authority-data: QUJD}
              name: second
            contexts:
            - context: {cluster: second, user: admin}
              name: admin@second
            current-context: admin@second
            users:
            - name: admin
              user: {client-key-data: S0VZ}
            """;
        var secret = Admin(("admin.conf", yaml));

        var template = KamajiSecretTrimmer.Trim(secret, AllKeys).Templates!["admin.conf"];

        Assert.That((template.Name, template.Server, template.CertificateAuthorityData?.ToBase64()), Is.EqualTo(("second", "https://second:6443", "QUJD")));
    }

    [Test]
    public void Trim_KubeconfigsThatDifferOnlyInTheirUsers_ShareOneTemplate()
    {
        static string Config(string user) => $"clusters:\n- cluster: {{server: https://t:6443, certificate-authority-data: QUJD}}\n  name: t\ncontexts:\n- context: {{cluster: t, user: {user}}}\n  name: {user}@t\ncurrent-context: {user}@t\n";
        var secret = Admin(("admin.conf", Config("kubernetes-admin")), ("super-admin.conf", Config("kubernetes-super-admin")),
            ("admin.svc", Config("kubernetes-admin").Replace("https://t:6443", "https://t.ns.svc:6443", StringComparison.Ordinal)));

        var trimmed = KamajiSecretTrimmer.Trim(secret, AllKeys);

        Assert.That(trimmed.Templates!["admin.conf"], Is.SameAs(trimmed.Templates["super-admin.conf"]));
        Assert.That(trimmed.Templates["admin.svc"], Is.Not.EqualTo(trimmed.Templates["admin.conf"]));
        Assert.That(trimmed.Templates["admin.svc"].CertificateAuthorityData, Is.SameAs(trimmed.Templates["admin.conf"].CertificateAuthorityData));
    }

    private static SecretInfo Admin(params (string Key, string Value)[] data) =>
        new TestWorld().Tenant("ns", "t").Secret("ns", "t-admin-kubeconfig")! with
        {
            Labels = SortedMap.Of((WellKnown.ComponentLabel, "admin-kubeconfig")),
            Data = data.ToImmutableDictionary(d => d.Key, d => Encoding.UTF8.GetBytes(d.Value), StringComparer.Ordinal),
        };

    [Test]
    public void Trim_CaSecret_KeepsOnlyTheCertificate()
    {
        var ca = new TestWorld().Tenant("ns", "t").Secret("ns", "t-ca")!;
        var withCopies = ca with { Data = ca.Data.Add("tls.crt", ca.Get("ca.crt")!).Add("tls.key", ca.Get("ca.key")!) };

        Assert.That(KamajiSecretTrimmer.Trim(withCopies, AllKeys).Data.Keys, Is.EquivalentTo(new[] { "ca.crt" }));
    }

    [Test]
    public void Trim_UnreadableKubeconfig_IsKeptSoTheErrorIsReported()
    {
        var garbage = "clusters: [unclosed"u8.ToArray();
        var secret = new TestWorld().Tenant("ns", "t").Secret("ns", "t-admin-kubeconfig")! with
        {
            Labels = SortedMap.Of((WellKnown.ComponentLabel, "admin-kubeconfig")),
        };
        secret = secret with { Data = secret.Data.SetItem("admin.conf", garbage) };

        var trimmed = KamajiSecretTrimmer.Trim(secret, AllKeys);

        Assert.That(trimmed.Get("admin.conf"), Is.EqualTo(garbage));
        Assert.That(trimmed.Templates!.ContainsKey("admin.conf"), Is.False);
    }

    [Test]
    public void Reconcile_OverTrimmedSecrets_PlansTheSame()
    {
        var world = new TestWorld().Tenant("ns", "t");
        var generator = new GeneratorBuilder("g").Build();
        world.Apply(world.Reconcile(generator, Now));
        var plain = world.Reconcile(generator, Now);
        foreach (var name in new[] { "t-admin-kubeconfig", "t-ca" })
        {
            world.Edit("ns", name, s => KamajiSecretTrimmer.Trim(s with { Labels = s.Labels.With(WellKnown.ComponentLabel, name == "t-ca" ? "ca" : "admin-kubeconfig") }, AllKeys));
        }

        var trimmed = world.Reconcile(generator, Now);

        Assert.That(trimmed.Targets.Select(t => (t.Action, t.Reason)), Is.EqualTo(plain.Targets.Select(t => (t.Action, t.Reason))));
        Assert.That(trimmed.Targets[0].Action, Is.EqualTo(TargetAction.Keep));
    }
}
