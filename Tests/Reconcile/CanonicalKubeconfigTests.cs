using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Tests.Reconcile;

/// <summary>
/// The canonical-layout reader must agree with the YAML parser on everything it accepts, and hand everything else to
/// it: a kubeconfig that is not exactly the writer's rendering must never be read differently by the fast path.
/// </summary>
public class CanonicalKubeconfigTests
{
    private static readonly KubeconfigCluster Cluster = new("tcp", "https://tcp.ns.svc:6443", Blob.FromBase64("Q0FEQVRB"), null, null, false);

    private static string Ours => KubeconfigWriter.Write(Cluster, "gen", "Q0VSVA==", "S0VZ");

    private static IEnumerable<TestCaseData> Canonical()
    {
        yield return new TestCaseData(Ours).SetArgDisplayNames("ours");
        yield return new TestCaseData(KubeconfigWriter.Write(Cluster, "kubernetes-admin@tcp", "kubernetes-admin", "Q0VSVA==", "S0VZ")).SetArgDisplayNames("kamaji");
        yield return new TestCaseData(KubeconfigWriter.Write(Cluster with { TlsServerName = "tcp.example", ProxyUrl = "http://proxy:3128", InsecureSkipTlsVerify = true },
            "gen", "Q0VSVA==", "S0VZ")).SetArgDisplayNames("every cluster field");
        yield return new TestCaseData(KubeconfigWriter.Write(Cluster with { Server = null, CertificateAuthorityData = null }, "gen", "gen", null, null))
            .SetArgDisplayNames("no server, CA or credentials");
        // As the sandbox's Kamaji simulator writes admin kubeconfigs (clientcmd's layout).
        yield return new TestCaseData(KamajiKubeconfig.Sandbox.Kamaji.KamajiSecrets.Kubeconfig(
            "tcp", "https://tcp.ns.svc:6443", "-----BEGIN CERTIFICATE-----\nQ0E=\n-----END CERTIFICATE-----\n", "kubernetes-admin", "CERT", "KEY"))
            .SetArgDisplayNames("kamaji simulator");
    }

    private static IEnumerable<TestCaseData> NotCanonical()
    {
        yield return new TestCaseData(Ours.Replace("Q0VSVA==", "\"Q0VSVA==\"", StringComparison.Ordinal)).SetArgDisplayNames("quoted value");
        yield return new TestCaseData(Ours + "    token: abc\n").SetArgDisplayNames("a token after the key");
        yield return new TestCaseData(Ours.Replace("    client-key-data: S0VZ\n", "    client-key-data: S0VZ\n    exec: {command: sh}\n", StringComparison.Ordinal))
            .SetArgDisplayNames("an exec plugin");
        yield return new TestCaseData(Ours + "- name: second\n  user:\n    client-key-data: S0VZ\n").SetArgDisplayNames("a second user");
        yield return new TestCaseData(Ours.Replace("\n", "\r\n", StringComparison.Ordinal)).SetArgDisplayNames("CRLF");
        yield return new TestCaseData(Ours.Replace("current-context: gen", "current-context: other", StringComparison.Ordinal)).SetArgDisplayNames("current context elsewhere");
        yield return new TestCaseData(Ours.Replace("    cluster: tcp", "    cluster: elsewhere", StringComparison.Ordinal)).SetArgDisplayNames("context names another cluster");
        yield return new TestCaseData(Ours.Replace("kind: Config\n", "kind: Config # ours\n", StringComparison.Ordinal)).SetArgDisplayNames("a comment");
        yield return new TestCaseData(Ours.Replace("server: https://tcp.ns.svc:6443", "server: https://tcp.ns.svc:6443\n    server: https://evil:6443", StringComparison.Ordinal))
            .SetArgDisplayNames("a duplicated key");
        yield return new TestCaseData(Ours.Replace("    insecure-skip-tls-verify: true\n", "", StringComparison.Ordinal)
            .Replace("    proxy-url", "    insecure-skip-tls-verify: true\n    proxy-url", StringComparison.Ordinal) + "    insecure-skip-tls-verify: true\n")
            .SetArgDisplayNames("insecure flag in the user");
    }

    [TestCaseSource(nameof(Canonical))]
    public void TryRead_CanonicalLayout_ReadsWhatTheYamlParserReads(string text)
    {
        var fast = CanonicalKubeconfig.TryRead(text);
        var parsed = KubeconfigReader.ReadYaml(text, out var error);

        Assert.That(error, Is.Null);
        Assert.That(fast, Is.Not.Null, "the canonical layout is read without the parser");
        Assert.That(fast, Is.EqualTo(parsed));
    }

    [TestCaseSource(nameof(NotCanonical))]
    public void TryRead_AnythingElse_IsLeftToTheYamlParser(string text)
    {
        Assert.That(CanonicalKubeconfig.TryRead(text), Is.Null);
        var viaReader = KubeconfigReader.TryRead(text, out var error);
        var parsed = KubeconfigReader.ReadYaml(text, out var parseError);
        Assert.That((viaReader, error), Is.EqualTo((parsed, parseError)));
    }

    [TestCaseSource(nameof(Canonical))]
    public void TryRead_WithoutCredentials_SameClustersAndContextsAndNoCredentialCopied(string text)
    {
        var full = CanonicalKubeconfig.TryRead(text)!;

        var template = CanonicalKubeconfig.TryRead(text, withCredentials: false);

        Assert.That(template, Is.EqualTo(full with { Users = EquatableList.Of(full.Users[0] with { ClientCertificateData = null, ClientKeyData = null }) }));
    }

    [TestCaseSource(nameof(NotCanonical))]
    public void TryRead_WithoutCredentials_AnythingElseIsStillRefused(string text) =>
        Assert.That(CanonicalKubeconfig.TryRead(text, withCredentials: false), Is.Null);
}
