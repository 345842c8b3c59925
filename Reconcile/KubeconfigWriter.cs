using System.Buffers;
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
    public static string Write(KubeconfigCluster cluster, string contextName, string userName, string? certificateDataBase64, string? keyDataBase64) =>
        Render(cluster, contextName, userName, certificateDataBase64, certificateDataBase64 is null, keyDataBase64, keyDataBase64 is null).ToString();

    /// <summary>
    /// <see cref="Write(KubeconfigCluster, string, string, string?, string?)"/> left in the builder, with the user's data as spans of another text (absent when the flag
    /// says so): <see cref="CanonicalKubeconfig"/> compares a text with its rendering without copying either.
    /// </summary>
    internal static StringBuilder Render(
        KubeconfigCluster cluster, string contextName, string userName,
        ReadOnlySpan<char> certificateDataBase64, bool noCertificate, ReadOnlySpan<char> keyDataBase64, bool noKey)
    {
        var ca = cluster.CertificateAuthorityData;
        var caLength = ca is null ? 0 : (ca.Length + 2) / 3 * 4;
        // Sized up front: the data lines are most of a kubeconfig, and a growing builder copied them chunk by chunk.
        var sb = new StringBuilder(400 + caLength + certificateDataBase64.Length + keyDataBase64.Length);
        sb.Append("apiVersion: v1\nclusters:\n- cluster:\n");
        if (ca is not null)
        {
            var base64 = ArrayPool<char>.Shared.Rent(caLength);
            Convert.TryToBase64Chars(ca.Span, base64, out var written);
            Field(sb, "    ", "certificate-authority-data", base64.AsSpan(0, written));
            ArrayPool<char>.Shared.Return(base64);
        }
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
        if (!noCertificate)
        {
            Field(sb, "    ", "client-certificate-data", certificateDataBase64);
        }
        if (!noKey)
        {
            Field(sb, "    ", "client-key-data", keyDataBase64);
        }
        return sb;
    }

    private static void Field(StringBuilder sb, string indent, string key, string? value)
    {
        if (value is not null)
        {
            Field(sb, indent, key, value.AsSpan());
        }
    }

    /// <summary>Plain when unambiguous, else a JSON-style double-quoted scalar (valid YAML).</summary>
    private static void Field(StringBuilder sb, string indent, string key, ReadOnlySpan<char> value)
    {
        sb.Append(indent).Append(key).Append(": ");
        if (PlainScalar().IsMatch(value) && !Ambiguous().IsMatch(value) && !value.Contains(": ", StringComparison.Ordinal))
        {
            sb.Append(value);
        }
        else
        {
            sb.Append('"').Append(System.Text.Json.JsonEncodedText.Encode(value).Value).Append('"');
        }
        sb.Append('\n');
    }
}
