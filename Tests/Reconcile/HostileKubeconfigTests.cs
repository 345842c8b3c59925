using System.Text;
using KamajiKubeconfig.Reconcile;
using KamajiKubeconfig.Tests.Builders;

namespace KamajiKubeconfig.Tests.Reconcile;

/// <summary>
/// Issue 14 (2) and 15 (1): a kubeconfig is text anyone who can edit a Secret in a tenant namespace controls. It is
/// bounded before parsing (one deep document must not overflow the stack and kill the process for every tenant),
/// and a generated kubeconfig is ours only if it holds nothing we would not write (docs/behaviour.md B8).
/// </summary>
public class HostileKubeconfigTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Generator Default = new GeneratorBuilder("g").Build();

    /// <summary>100,000 nested flow sequences: "[[[[…]]]]".</summary>
    private static readonly string DeepFlow = new string('[', 100_000) + new string(']', 100_000);

    /// <summary>100,000 nested block sequences: "- - - - …" one level per line.</summary>
    private static readonly string DeepBlock = string.Concat(Enumerable.Repeat("- ", 100_000)) + "x\n";

    public static IEnumerable<string> Bombs() => [DeepFlow, DeepBlock, "a: " + DeepFlow, new string('{', 50_000) + new string('}', 50_000)];

    [TestCaseSource(nameof(Bombs))]
    public void YamlBounds_DeepDocuments_AreRefusedBeforeAnyRecursiveParse(string yaml) =>
        Assert.That(YamlBounds.Read(yaml, out _, out _), Does.Contain("nests deeper than").Or.Contain("characters long"));

    [TestCaseSource(nameof(Bombs))]
    public void KubeconfigReader_DeepDocuments_ComeBackAsAnErrorNotACrash(string yaml)
    {
        var config = KubeconfigReader.TryRead(yaml, out var error);

        Assert.That(config, Is.Null);
        Assert.That(error, Does.StartWith("the kubeconfig is refused: "));
    }

    [Test]
    public void KubeconfigReader_UnclosedFlowSequence_ComesBackAsAnErrorNotAnException()
    {
        // YamlDotNet's scanner throws InvalidOperationException, not YamlException, on this one: an admin Secret that
        // held it failed every pass of its generator (no status at all) once templates were parsed outside reconcile.
        const string yaml = "apiVersion: v1\nclusters:\n- cluster:\n    server: https://x:6443\n  name: x\nusers: [unclosed\n- name: x\n  user:\n    client-key-data: a\n";

        var config = KubeconfigReader.TryRead(yaml, out var error);

        Assert.That(config, Is.Null);
        Assert.That(error, Does.StartWith("the kubeconfig is not valid YAML: "));
    }

    [Test]
    public void YamlBounds_TooManyNodes_AreRefused() =>
        Assert.That(YamlBounds.Read("[" + string.Join(",", Enumerable.Repeat("1", 20_000)) + "]", out _, out _), Does.Contain("more than 10000 nodes"));

    [Test]
    public void YamlBounds_LargerThanAnySecret_IsRefused() =>
        Assert.That(YamlBounds.Read("a: " + new string('x', 300_000), out _, out _), Does.Contain("characters long"));

    [Test]
    public void YamlBounds_ARealKubeconfig_Passes()
    {
        var world = new TestWorld().Tenant("ns", "t");
        world.Apply(world.Reconcile(Default, Now));

        Assert.That(YamlBounds.Read(TestWorld.Kubeconfig(world.Secret("ns", "t-g")!), out _, out _), Is.Null);
    }

    [TestCaseSource(nameof(Bombs))]
    public void Reconcile_AdminKubeconfigBomb_IsThatTcpsErrorAlone(string bomb)
    {
        var world = new TestWorld().Tenant("ns", "bad").Tenant("ns", "good");
        world.Edit("ns", "bad-admin-kubeconfig", s => s with { Data = s.Data.SetItem("admin.conf", Encoding.UTF8.GetBytes(bomb)) });

        var plan = world.Reconcile(Default, Now);

        Assert.Multiple(() =>
        {
            Assert.That(plan.Status!.Errors.Single().Message, Does.StartWith("unable to decode Kubeconfig template: the kubeconfig is refused"));
            Assert.That(plan.Targets.Single(t => t.TenantControlPlane.Name == "good").Action, Is.EqualTo(TargetAction.Issue));
        });
    }

    [TestCaseSource(nameof(Bombs))]
    public void Reconcile_GeneratedSecretBomb_IsReissued(string bomb)
    {
        var world = new TestWorld().Tenant("ns", "t");
        world.Apply(world.Reconcile(Default, Now));
        world.Edit("ns", "t-g", s => s with { Data = s.Data.SetItem("value", Encoding.UTF8.GetBytes(bomb)) });

        var target = world.Reconcile(Default, Now).Targets.Single();

        Assert.That((target.Action, target.Reason), Is.EqualTo((TargetAction.Issue, (IssueReason?)IssueReason.Unreadable)));
    }

    public static IEnumerable<TestCaseData> Injections() =>
    [
        new("    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: sh\n      args: [-c, id]\n") { TestName = "{m}(exec plugin)" },
        new("    token: stolen\n") { TestName = "{m}(token)" },
        new("    tokenFile: /var/run/secrets/token\n") { TestName = "{m}(tokenFile)" },
        new("    auth-provider:\n      name: oidc\n") { TestName = "{m}(auth-provider)" },
        new("    username: admin\n    password: admin\n") { TestName = "{m}(basic auth)" },
        new("    as: system:admin\n    as-groups: [system:masters]\n") { TestName = "{m}(impersonation)" },
        new("    client-certificate: /etc/other.crt\n") { TestName = "{m}(certificate file)" },
    ];

    [TestCaseSource(nameof(Injections))]
    public void Reconcile_UserEntryGrewAnAuthField_IsReissuedNotCountedAvailable(string injected)
    {
        var world = new TestWorld().Tenant("ns", "t");
        world.Apply(world.Reconcile(Default, Now));
        world.Edit("ns", "t-g", s => s with { Data = s.Data.SetItem("value", Encoding.UTF8.GetBytes(TestWorld.Kubeconfig(s) + injected)) });

        var plan = world.Reconcile(Default, Now);

        Assert.That((plan.Targets.Single().Action, plan.Targets.Single().Reason), Is.EqualTo((TargetAction.Issue, (IssueReason?)IssueReason.LayoutChanged)));
    }

    [TestCase("extensions:\n- name: x\n  extension: {}\n")]
    [TestCase("preferences:\n  colors: true\n")]
    public void Reconcile_TopLevelFieldsWeNeverWrite_AreReissued(string added)
    {
        var world = new TestWorld().Tenant("ns", "t");
        world.Apply(world.Reconcile(Default, Now));
        world.Edit("ns", "t-g", s => s with
        {
            Data = s.Data.SetItem("value", Encoding.UTF8.GetBytes(TestWorld.Kubeconfig(s).Replace("preferences: {}\n", "", StringComparison.Ordinal) + added)),
        });

        Assert.That(world.Reconcile(Default, Now).Targets.Single().Reason, Is.EqualTo(IssueReason.LayoutChanged));
    }

    [Test]
    public void Reconcile_ContextWithANamespace_IsReissued()
    {
        var world = new TestWorld().Tenant("ns", "t");
        world.Apply(world.Reconcile(Default, Now));
        world.Edit("ns", "t-g", s => s with
        {
            Data = s.Data.SetItem("value", Encoding.UTF8.GetBytes(TestWorld.Kubeconfig(s).Replace("    user: g\n", "    user: g\n    namespace: kube-system\n", StringComparison.Ordinal))),
        });

        Assert.That(world.Reconcile(Default, Now).Targets.Single().Reason, Is.EqualTo(IssueReason.LayoutChanged));
    }

    [Test]
    public void KubeconfigReader_WhatWeWrite_HasNoUnexpectedField()
    {
        var world = new TestWorld().Tenant("ns", "t");
        world.Apply(world.Reconcile(Default, Now));

        var config = KubeconfigReader.TryRead(TestWorld.Kubeconfig(world.Secret("ns", "t-g")!), out _);

        Assert.That(config!.UnexpectedFields, Is.Empty);
    }

    [Test]
    public void KubeconfigReader_ExecPlugin_IsNamedByPath()
    {
        var config = KubeconfigReader.TryRead("users:\n- name: g\n  user:\n    exec: {command: sh}\n    client-key-data: AA==\n", out _);

        Assert.That(config!.UnexpectedFields, Is.EqualTo(new[] { "users[0].user.exec" }));
    }
}
