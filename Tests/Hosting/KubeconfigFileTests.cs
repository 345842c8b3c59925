using System.Text;
using k8s;
using KamajiKubeconfig.Controller.Hosting;
using KamajiKubeconfig.Tests.Builders;

namespace KamajiKubeconfig.Tests.Hosting;

/// <summary>
/// The controller reads its own kubeconfig (the client's loader cannot run in the Native AOT build). Whatever it
/// reads must connect exactly as the client's own loader would: each case is loaded both ways and compared, field by
/// field, on the settings the client connects with.
/// </summary>
public class KubeconfigFileTests
{
    private static readonly TestCa Ca = TestPki.Ca("kubeconfig-file");
    private static readonly TestCa Client = TestPki.Ca("client");
    private string _dir = "";

    [SetUp]
    public void CreateDirectory() => _dir = Directory.CreateTempSubdirectory("kubeconfig-file-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_dir, recursive: true);

    private static string Clusters(string extra = "") => $"""
        clusters:
        - name: one
          cluster:
            server: https://one.example:6443
            certificate-authority-data: {Ca.CertificateBase64}
        {extra}
        """ + "\n";

    private static string Base64(byte[] bytes) => Convert.ToBase64String(bytes);

    public static IEnumerable<TestCaseData> Kubeconfigs()
    {
        yield return new TestCaseData(Clusters() + $"""
            users:
            - name: admin
              user:
                client-certificate-data: {Base64(Client.CertificatePem)}
                client-key-data: {Base64(Client.KeyPem)}
            contexts:
            - name: main
              context:
                cluster: one
                user: admin
                namespace: tenants
            current-context: main
            """).SetName("client certificate data, as kind and the sandbox write");
        yield return new TestCaseData(Clusters("""
            - name: two
              cluster:
                server: https://two.example:6443
                insecure-skip-tls-verify: true
                tls-server-name: api.two.example
            """) + """
            users:
            - name: robot
              user: {token: s3cr3t-token}
            - name: other
              user: {username: alice, password: hunter2}
            contexts:
            - {name: first, context: {cluster: one, user: other}}
            - {name: second, context: {cluster: two, user: robot}}
            current-context: second
            """).SetName("the current context picks the second cluster and a token user");
        yield return new TestCaseData(Clusters() + """
            users:
            - name: cloud
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: DIR/get-token
                  args: [--cluster, one]
                  env:
                  - {name: REGION, value: eu-west-1}
                  provideClusterInfo: true
            contexts:
            - {name: main, context: {cluster: one, user: cloud}}
            current-context: main
            """).SetName("an exec credential plugin, run for its token");
        yield return new TestCaseData("""
            apiVersion: v1
            kind: Config
            preferences: {}
            clusters:
            - name: files
              cluster:
                server: https://files.example:6443
                certificate-authority: pki/ca.crt
            users:
            - name: files
              user:
                client-certificate: pki/client.crt
                client-key: pki/client.key
            contexts:
            - {name: files, context: {cluster: files, user: files}}
            current-context: files
            extensions: []
            """).SetName("files named relative to the kubeconfig");
    }

    [TestCaseSource(nameof(Kubeconfigs))]
    public void Load_ConnectsAsTheClientsOwnLoaderWould(string yaml)
    {
        var path = Write(yaml);

        var ours = KubernetesClientConfiguration.BuildConfigFromConfigObject(KubeconfigFile.Load(path));
        var theirs = KubernetesClientConfiguration.BuildConfigFromConfigFile(path);

        Assert.That(Settings(ours), Is.EqualTo(Settings(theirs)));
        Assert.That(ours.Host, Is.Not.Null.And.StartsWith("https://"));
        if (yaml.Contains("exec:", StringComparison.Ordinal))
        {
            Assert.That(ours.AccessToken, Is.EqualTo("--cluster-one-eu-west-1"));
        }
    }

    [Test]
    public void Load_AnExecPlugin_KeepsItsCommandArgumentsAndEnvironment()
    {
        var path = Write(Clusters() + """
            users:
            - name: cloud
              user:
                exec: {apiVersion: client.authentication.k8s.io/v1, command: get-token, args: [a, b], env: [{name: X, value: "1"}]}
            contexts:
            - {name: main, context: {cluster: one, user: cloud}}
            current-context: main
            """);

        var exec = KubeconfigFile.Load(path).Users.Single().UserCredentials.ExternalExecution;

        Assert.That(exec.Command, Is.EqualTo("get-token"));
        Assert.That(exec.Arguments, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(exec.EnvironmentVariables.Single(), Is.EqualTo(new Dictionary<string, string> { ["name"] = "X", ["value"] = "1" }));
    }

    [Test]
    public void Build_WithoutAFlag_ReadsTheFirstExistingFileOfKubeconfigVariable()
    {
        var path = Write(Clusters() + """
            users: [{name: robot, user: {token: from-env}}]
            contexts: [{name: main, context: {cluster: one, user: robot}}]
            current-context: main
            """);
        var previous = Environment.GetEnvironmentVariable("KUBECONFIG");
        try
        {
            Environment.SetEnvironmentVariable("KUBECONFIG", string.Join(Path.PathSeparator, Path.Combine(_dir, "absent"), path));
            Assume.That(KubernetesClientConfiguration.IsInCluster(), Is.False);

            Assert.That(KubernetesConfig.Build(null).AccessToken, Is.EqualTo("from-env"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("KUBECONFIG", previous);
        }
    }

    private string Write(string yaml)
    {
        var pki = Directory.CreateDirectory(Path.Combine(_dir, "pki")).FullName;
        File.WriteAllBytes(Path.Combine(pki, "ca.crt"), Ca.CertificatePem);
        File.WriteAllBytes(Path.Combine(pki, "client.crt"), Client.CertificatePem);
        File.WriteAllBytes(Path.Combine(pki, "client.key"), Client.KeyPem);
        // The plugin prints an ExecCredential whose token shows the arguments and environment it was given.
        var plugin = Path.Combine(_dir, "get-token");
        File.WriteAllText(plugin, "#!/bin/sh\necho '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"'\"$1-$2-$REGION\"'\"}}'\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(plugin, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }
        var path = Path.Combine(_dir, "config");
        File.WriteAllText(path, yaml.Replace("DIR/", _dir + "/", StringComparison.Ordinal), Encoding.UTF8);
        return path;
    }

    /// <summary>What the client connects with, as comparable text (certificates by thumbprint, never key bytes printed).</summary>
    private static string Settings(KubernetesClientConfiguration c) => string.Join("\n",
        $"host={c.Host}", $"namespace={c.Namespace}", $"context={c.CurrentContext}", $"skipTls={c.SkipTlsVerify}",
        $"tlsServerName={c.TlsServerName}", $"token={c.AccessToken}", $"user={c.Username}", $"password={c.Password}",
        $"certData={c.ClientCertificateData?.Length}:{c.ClientCertificateData?.GetHashCode(StringComparison.Ordinal)}",
        $"keyData={c.ClientCertificateKeyData?.GetHashCode(StringComparison.Ordinal)}",
        $"certFile={c.ClientCertificateFilePath}", $"keyFile={c.ClientKeyFilePath}",
        $"ca={string.Join(",", (c.SslCaCerts ?? []).Select(x => x.Thumbprint))}",
        $"tokenProvider={c.TokenProvider?.GetType().Name}");
}
