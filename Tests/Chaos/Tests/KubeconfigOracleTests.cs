using System.Security.Cryptography.X509Certificates;
using KamajiKubeconfig.Chaos.Checks;
using KamajiKubeconfig.Chaos.Fixtures;

namespace KamajiKubeconfig.Chaos.Tests;

/// <summary>The harness's judge of a generated Secret accepts exactly what the controller must write, and catches each defect.</summary>
public sealed class KubeconfigOracleTests
{
    [Test]
    public async Task ProblemAsync_KubeconfigAsSpecified_Valid()
    {
        var issued = new IssuedKubeconfig();
        Assert.That(await KubeconfigOracle.ProblemAsync(issued.Secret(), issued.Expected, DateTimeOffset.UtcNow), Is.Null);
    }

    [Test]
    public async Task ProblemAsync_SignedByAnotherCa_OpensslRefuses()
    {
        var issued = new IssuedKubeconfig { SignedBy = TenantPki.Create(CaKind.EcSec1) };
        Assert.That(await KubeconfigOracle.ProblemAsync(issued.Secret(), issued.Expected, DateTimeOffset.UtcNow), Does.StartWith("openssl:"));
    }

    [Test]
    public async Task ProblemAsync_ExecAndTokenInjected_UserEntryRefused()
    {
        var issued = new IssuedKubeconfig { UserExtra = "    token: stolen\n    exec: {command: sh}" };
        Assert.That(await KubeconfigOracle.ProblemAsync(issued.Secret(), issued.Expected, DateTimeOffset.UtcNow), Does.Contain("user entry"));
    }

    [Test]
    public async Task ProblemAsync_InjectedMultiValuedRdn_SubjectRefused()
    {
        var issued = new IssuedKubeconfig { Subject = MultiValued() };
        Assert.That(await KubeconfigOracle.ProblemAsync(issued.Secret(), issued.Expected, DateTimeOffset.UtcNow), Does.Contain("multi-valued RDN"));
    }

    /// <summary>O=ops, then one RDN holding both CN=alice and O=system:masters (what a "+" injection would produce).</summary>
    private static X500DistinguishedName MultiValued()
    {
        var writer = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSetOf())
            {
                Attribute(writer, "2.5.4.10", "ops");
            }
            using (writer.PushSetOf())
            {
                Attribute(writer, "2.5.4.3", "alice");
                Attribute(writer, "2.5.4.10", "system:masters");
            }
        }
        return new X500DistinguishedName(writer.Encode());
    }

    private static void Attribute(System.Formats.Asn1.AsnWriter writer, string oid, string value)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
            writer.WriteCharacterString(System.Formats.Asn1.UniversalTagNumber.UTF8String, value);
        }
    }

    [Test]
    public async Task ProblemAsync_OtherCommonName_SubjectRefused()
    {
        var issued = new IssuedKubeconfig { Subject = new X500DistinguishedName("O=ops, CN=mallory") };
        Assert.That(await KubeconfigOracle.ProblemAsync(issued.Secret(), issued.Expected, DateTimeOffset.UtcNow), Does.StartWith("subject"));
    }

    [Test]
    public async Task ProblemAsync_ServerAuthUsage_Refused()
    {
        var issued = new IssuedKubeconfig { Usage = "1.3.6.1.5.5.7.3.1" };
        Assert.That(await KubeconfigOracle.ProblemAsync(issued.Secret(), issued.Expected, DateTimeOffset.UtcNow), Is.Not.Null);
    }

    [Test]
    public async Task ProblemAsync_OutlivesItsCa_Refused()
    {
        var issued = new IssuedKubeconfig { Validity = TimeSpan.FromDays(365 * 20) };
        Assert.That(await KubeconfigOracle.ProblemAsync(issued.Secret(), issued.Expected, DateTimeOffset.UtcNow), Does.Contain("outlives"));
    }

    [Test]
    public async Task ProblemAsync_InsideRenewalWindow_Refused()
    {
        var issued = new IssuedKubeconfig { Validity = TimeSpan.FromHours(2) };
        Assert.That(await KubeconfigOracle.ProblemAsync(issued.Secret(), issued.Expected, DateTimeOffset.UtcNow), Does.Contain("renewal window"));
    }

    [Test]
    public async Task ProblemAsync_ManagedForMissing_Refused()
    {
        var issued = new IssuedKubeconfig { ManagedFor = null };
        Assert.That(await KubeconfigOracle.ProblemAsync(issued.Secret(), issued.Expected, DateTimeOffset.UtcNow), Does.Contain("labels"));
    }

    [Test]
    public async Task ProblemAsync_RotationPending_Refused()
    {
        var issued = new IssuedKubeconfig { Rotate = "" };
        Assert.That(await KubeconfigOracle.ProblemAsync(issued.Secret(), issued.Expected, DateTimeOffset.UtcNow), Does.Contain("rotation"));
    }

    [Test]
    public void TryParseAll_HundredThousandNestedSequences_RefusedWithoutOverflow()
    {
        Assert.That(YamlDocuments.TryParseAll(new string('[', 100_000) + new string(']', 100_000), out var error), Is.Null);
        Assert.That(error, Does.Contain("deeper"));
    }
}
