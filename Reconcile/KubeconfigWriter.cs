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
        Write(cluster, generatorName, generatorName, certificateDataBase64, keyDataBase64);

    /// <summary>
    /// The canonical layout: what client-go's <c>clientcmd</c> writes for one cluster, context and user (Kamaji's admin
    /// kubeconfigs), and with the context and user named alike, ours. <see cref="CanonicalKubeconfig"/> reads it back.
    /// </summary>
    public static string Write(KubeconfigCluster cluster, string contextName, string userName, string? certificateDataBase64, string? keyDataBase64)
    {
        var sb = new StringBuilder("apiVersion: v1\nclusters:\n- cluster:\n");
        Field(sb, "    ", "certificate-authority-data", cluster.CertificateAuthorityData?.ToBase64());
        if (cluster.InsecureSkipTlsVerify)
        {
            sb.Append("    insecure-skip-tls-verify: true\n");
        }
        Field(sb, "    ", "proxy-url", cluster.ProxyUrl);
        Field(sb, "    ", "server", cluster.Server);
        Field(sb, "    ", "tls-server-name", cluster.TlsServerName);
        Field(sb, "  ", "name", cluster.Name);
        sb.Append("contexts:\n- context:\n");
        Field(sb, "    ", "cluster", cluster.Name);
        Field(sb, "    ", "user", userName);
        Field(sb, "  ", "name", contextName);
        Field(sb, "", "current-context", contextName);
        sb.Append("kind: Config\npreferences: {}\nusers:\n");
        Field(sb, "- ", "name", userName);
        sb.Append("  user:\n");
        Field(sb, "    ", "client-certificate-data", certificateDataBase64);
        Field(sb, "    ", "client-key-data", keyDataBase64);
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
            : $"\"{System.Text.Json.JsonEncodedText.Encode(value)}\"";
}
