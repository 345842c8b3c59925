using System.Text;
using System.Text.RegularExpressions;

namespace KamajiKubeconfig.Reconcile;

/// <summary>
/// Writes the generated kubeconfig: the template's cluster unchanged, one user and one context named after the
/// generator, and <c>current-context</c> pointing at it (docs/behaviour.md A3, B13). Keys are in the order Kamaji's YAML
/// serializer emits them, so Secrets look the same after a switch-over.
/// </summary>
public static partial class KubeconfigWriter
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._/:@+=-]*\\z")]
    private static partial Regex PlainScalar();

    [GeneratedRegex("^(true|false|yes|no|on|off|null|~|[-+.0-9][-+.0-9eE_:]*)\\z", RegexOptions.IgnoreCase)]
    private static partial Regex Ambiguous();

    public static string Write(KubeconfigCluster cluster, string generatorName, string certificateDataBase64, string keyDataBase64) =>
        Write(new Kubeconfig(
            EquatableList.Of(cluster),
            EquatableList.Of(new KubeconfigUser(generatorName, certificateDataBase64, keyDataBase64)),
            EquatableList.Of(new KubeconfigContext(generatorName, cluster.Name, generatorName)),
            generatorName));

    /// <summary>
    /// Without users this is a template: clusters, contexts and the current context only (the controller never needs
    /// Kamaji's admin keys, so it does not keep them in memory).
    /// </summary>
    public static string Write(Kubeconfig config)
    {
        var sb = new StringBuilder("apiVersion: v1\nclusters:\n");
        foreach (var cluster in config.Clusters)
        {
            sb.Append("- cluster:\n");
            Field(sb, "    ", "certificate-authority-data", cluster.CertificateAuthorityData);
            if (cluster.InsecureSkipTlsVerify)
            {
                sb.Append("    insecure-skip-tls-verify: true\n");
            }
            Field(sb, "    ", "proxy-url", cluster.ProxyUrl);
            Field(sb, "    ", "server", cluster.Server);
            Field(sb, "    ", "tls-server-name", cluster.TlsServerName);
            Field(sb, "  ", "name", cluster.Name);
        }
        sb.Append("contexts:\n");
        foreach (var context in config.Contexts)
        {
            sb.Append("- context:\n");
            Field(sb, "    ", "cluster", context.Cluster);
            Field(sb, "    ", "user", context.User);
            Field(sb, "  ", "name", context.Name);
        }
        Field(sb, "", "current-context", config.CurrentContext);
        sb.Append("kind: Config\n");
        if (config.Users.Count > 0)
        {
            sb.Append("preferences: {}\nusers:\n");
        }
        foreach (var user in config.Users)
        {
            Field(sb, "- ", "name", user.Name);
            sb.Append("  user:\n");
            Field(sb, "    ", "client-certificate-data", user.ClientCertificateData);
            Field(sb, "    ", "client-key-data", user.ClientKeyData);
        }
        return sb.ToString();
    }

    private static void Field(StringBuilder sb, string indent, string key, string? value)
    {
        if (value is not null)
        {
            sb.Append(indent).Append(key).Append(": ").Append(Scalar(value)).Append('\n');
        }
    }

    /// <summary>Plain when unambiguous, else a JSON-style double-quoted scalar (valid YAML).</summary>
    private static string Scalar(string value) =>
        PlainScalar().IsMatch(value) && !Ambiguous().IsMatch(value) && !value.Contains(": ", StringComparison.Ordinal)
            ? value
            : System.Text.Json.JsonSerializer.Serialize(value);
}
