using System.Security.Cryptography.X509Certificates;
using System.Text;
using KamajiKubeconfig.Reconcile;
using KamajiKubeconfig.Tests.Builders;

namespace KamajiKubeconfig.Tests.Reconcile;

/// <summary>
/// User and group values become the certificate's CN and O, which the tenant API server reports as the user's name
/// and groups. DN metacharacters are harmless (each value is one encoded attribute); control and invisible
/// characters and oversized values are refused with a status error for that TCP (issue 10, hostile input).
/// </summary>
public class SubjectValueTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static ReconcilePlan Plan(CompoundValue user, params CompoundValue[] groups) =>
        new TestWorld().Tenant("ns", "t").Reconcile(new GeneratorBuilder("g").User(user).Groups(groups).Build(), Now);

    [TestCase("eve\0admin", TestName = "{m}(NUL)")]
    [TestCase("eve\nO=system:masters", TestName = "{m}(newline)")]
    [TestCase("eve\r", TestName = "{m}(carriage return)")]
    [TestCase("\u202eretsam", TestName = "{m}(bidi override)")]
    [TestCase("ev\u200be", TestName = "{m}(zero-width space)")]
    [TestCase("eve\u0085", TestName = "{m}(C1 control)")]
    public void Reconcile_UserWithControlOrInvisibleCharacters_IsRefused(string user)
    {
        var target = Plan(Compound.Static(user)).Targets.Single();

        Assert.Multiple(() =>
        {
            Assert.That(target.Action, Is.EqualTo(TargetAction.Hold));
            Assert.That(target.Error, Does.Contain("contains control or invisible characters"));
            Assert.That(target.Error!.Any(c => c < ' ' || c == '\u202e' || c == '\u200b' || c == '\u0085'), Is.False);
        });
    }

    [Test]
    public void Reconcile_GroupWithANewline_IsRefused() =>
        Assert.That(Plan(Compound.Static("eve"), Compound.Static("a\nb")).Targets.Single().Error, Does.StartWith("the group value"));

    [Test]
    public void Reconcile_ValueOf64KiB_IsRefusedAndQuotedShort()
    {
        var error = Plan(Compound.Static(new string('x', 65536))).Targets.Single().Error!;

        Assert.Multiple(() =>
        {
            Assert.That(error, Does.Contain("is longer than 1024 characters"));
            Assert.That(error.Length, Is.LessThan(400));
        });
    }

    [Test]
    public void Reconcile_SubjectLargerThanASecretCanCarry_IsRefused()
    {
        var groups = Enumerable.Range(0, 100).Select(i => Compound.Static($"{i:D4}{new string('g', 1000)}")).ToArray();

        Assert.That(Plan(Compound.Static("eve"), groups).Targets.Single().Error, Does.Contain("more than the 65536"));
    }

    [TestCase("eve,O=system:masters")]
    [TestCase("eve+O=system:masters")]
    [TestCase("CN=root")]
    [TestCase("\"eve\"")]
    [TestCase("eve\\,O=system:masters")]
    public void Issue_DnMetacharacters_StayOneAttributeAndAddNoGroup(string user)
    {
        var world = new TestWorld().Tenant("ns", "t");
        var plan = world.Reconcile(new GeneratorBuilder("g").User(Compound.Static(user)).Groups(Compound.Static("viewers")).Build(), Now);
        world.Apply(plan);

        using var certificate = ClientCertificate(world);
        var names = certificate.SubjectName.EnumerateRelativeDistinguishedNames().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(names.Where(n => n.GetSingleElementType().Value == "2.5.4.3").Select(n => n.GetSingleElementValue()), Is.EqualTo(new[] { user }));
            Assert.That(names.Where(n => n.GetSingleElementType().Value == "2.5.4.10").Select(n => n.GetSingleElementValue()), Is.EqualTo(new[] { "viewers" }));
            Assert.That(world.Reconcile(new GeneratorBuilder("g").User(Compound.Static(user)).Groups(Compound.Static("viewers")).Build(), Now)
                .Targets.Single().Action, Is.EqualTo(TargetAction.Keep));
        });
    }

    [Test]
    public void Issue_AThousandGroups_AllCarriedOnce()
    {
        var groups = Enumerable.Range(0, 1000).Select(i => Compound.Static($"group-{i:D4}")).Append(Compound.Static("group-0000")).ToArray();
        var world = new TestWorld().Tenant("ns", "t");
        world.Apply(world.Reconcile(new GeneratorBuilder("g").Groups(groups).Build(), Now));

        using var certificate = ClientCertificate(world);

        Assert.That(certificate.SubjectName.EnumerateRelativeDistinguishedNames().Count(n => n.GetSingleElementType().Value == "2.5.4.10"), Is.EqualTo(1000));
    }

    private static X509Certificate2 ClientCertificate(TestWorld world)
    {
        var config = KubeconfigReader.TryRead(TestWorld.Kubeconfig(world.Secret("ns", "t-g")!), out _)!;
        return X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(Convert.FromBase64String(config.Users[0].ClientCertificateData!)));
    }
}
