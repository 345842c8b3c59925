using KamajiKubeconfig.Controller.Issuing;
using KamajiKubeconfig.Reconcile;
using KamajiKubeconfig.Tests.Builders;

namespace KamajiKubeconfig.Tests.Issuing;

/// <summary>
/// The facts the issuer reports for its own output are exactly what inspecting that output concludes, for every
/// CA and client key type and for request times with fractions of a second (certificates keep whole seconds).
/// The controller seeds its memo with them (and the cache with the issuer's StoredKubeconfig) after a write, so any
/// difference would be a silent wrong answer.
/// </summary>
public class IssuedFactsTests
{
    private static readonly KeyAlgorithm[] Algorithms = Enum.GetValues<KeyAlgorithm>();

    [TestCaseSource(nameof(Algorithms))]
    public void Facts_EqualInspectionOfTheIssuedKubeconfig_RsaCa(KeyAlgorithm client) => AssertFactsMatch(TestPki.Ca(), client);

    [TestCaseSource(nameof(Algorithms))]
    public void Facts_EqualInspectionOfTheIssuedKubeconfig_EcdsaCa(KeyAlgorithm client) =>
        AssertFactsMatch(TestPki.Ca("ecdsa-ca", KeyAlgorithm.EcdsaP256, CaKeyFormat.Sec1), client);

    private static void AssertFactsMatch(TestCa ca, KeyAlgorithm client)
    {
        var request = CertificateIssuerTests.Request(ca, client);
        request = request with { NotBefore = request.NotBefore.AddMilliseconds(123.456), NotAfter = request.NotAfter.AddMilliseconds(789) };

        var result = new CertificateIssuer(FixedKeySource.Shared).Issue(request, TestPki.KeyOf(request.CertificateAuthority));
        var read = StoredKubeconfig.Read(result.Kubeconfig);
        var inspected = KubeconfigValidity.Inspect(
            read, request.Cluster, request.GeneratorName, request.Identity, request.KeyAlgorithm, request.CertificateAuthority);

        Assert.That(result.Facts, Is.EqualTo(inspected));
        Assert.That(inspected.Reason, Is.Null, "a fresh kubeconfig needs nothing");
        Assert.That(result.Facts.NotAfter.Millisecond, Is.Zero, "whole seconds, as encoded");
        // The memo hands the issuer's StoredKubeconfig to the cache in place of reading the kubeconfig back.
        Assert.That(result.Stored! with { CertificateDer = null, SubjectName = null }, Is.EqualTo(read with { CertificateDer = null, SubjectName = null }));
        Assert.That((result.Stored!.CertificateDer, result.Stored.SubjectName), Is.EqualTo((read.CertificateDer, read.SubjectName)));
        Assert.That(read.KeyMatches, Is.True);
    }
}
