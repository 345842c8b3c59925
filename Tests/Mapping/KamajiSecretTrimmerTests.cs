using System.Text;
using KamajiKubeconfig.Controller.Mapping;
using KamajiKubeconfig.Reconcile;
using KamajiKubeconfig.Tests.Builders;

namespace KamajiKubeconfig.Tests.Mapping;

/// <summary>The cache transform for Kamaji's Secrets: smaller, no admin keys, same reconcile outcome.</summary>
public class KamajiSecretTrimmerTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void Trim_AdminKubeconfig_DropsUsersAndKeepsClustersAndContexts()
    {
        var world = new TestWorld().Tenant("ns", "t");
        var admin = world.Secret("ns", "t-admin-kubeconfig")! with { Labels = SortedMap.Of((WellKnown.ComponentLabel, "admin-kubeconfig")) };

        var trimmed = KamajiSecretTrimmer.Trim(admin);

        var before = KubeconfigReader.TryRead(Encoding.UTF8.GetString(admin.Get("admin.conf")!), out _)!;
        var after = KubeconfigReader.TryRead(Encoding.UTF8.GetString(trimmed.Get("admin.conf")!), out _)!;
        Assert.That(after.Users, Is.Empty);
        Assert.That((after.Clusters, after.Contexts, after.CurrentContext), Is.EqualTo((before.Clusters, before.Contexts, before.CurrentContext)));
        Assert.That(trimmed.Data.Keys, Is.EquivalentTo(admin.Data.Keys));
    }

    [Test]
    public void Trim_CaSecret_KeepsOnlyCertificateAndKey()
    {
        var ca = new TestWorld().Tenant("ns", "t").Secret("ns", "t-ca")!;
        var withCopies = ca with { Data = ca.Data.Add("tls.crt", ca.Get("ca.crt")!).Add("tls.key", ca.Get("ca.key")!) };

        Assert.That(KamajiSecretTrimmer.Trim(withCopies).Data.Keys, Is.EquivalentTo(new[] { "ca.crt", "ca.key" }));
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

        Assert.That(KamajiSecretTrimmer.Trim(secret).Get("admin.conf"), Is.EqualTo(garbage));
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
            world.Edit("ns", name, s => KamajiSecretTrimmer.Trim(s with { Labels = s.Labels.With(WellKnown.ComponentLabel, name == "t-ca" ? "ca" : "admin-kubeconfig") }));
        }

        var trimmed = world.Reconcile(generator, Now);

        Assert.That(trimmed.Targets.Select(t => (t.Action, t.Reason)), Is.EqualTo(plain.Targets.Select(t => (t.Action, t.Reason))));
        Assert.That(trimmed.Targets[0].Action, Is.EqualTo(TargetAction.Keep));
    }
}
