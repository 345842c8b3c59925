using System.Buffers;

namespace KamajiKubeconfig.Reconcile;

/// <summary>
/// Reads a kubeconfig in the canonical layout (<see cref="KubeconfigWriter"/>: one cluster, context and user, keys in
/// clientcmd's order, plain scalars) without the YAML parser. The fields are taken from their lines and written again,
/// and only text identical to that rendering is accepted: what the writer renders parses back to the values it was
/// given, so the result is what <see cref="KubeconfigReader"/> would return. Anything else (a quoted value, another
/// field, a second user, a comment) returns null and goes through the YAML parser. Kamaji's admin kubeconfigs and the
/// controller's own are in this layout; a start reads one of each per tenant, ~170 µs each with the YAML parser.
/// </summary>
public static class CanonicalKubeconfig
{
    private const string Start = "apiVersion: v1\nclusters:\n- cluster:\n";

    /// <summary>
    /// The kubeconfig in <paramref name="text"/>, or null when it is not in the canonical layout. Without
    /// <paramref name="withCredentials"/> the user's certificate and key are checked but not copied out: a template
    /// needs only its cluster, and an admin kubeconfig's key is the tenant administrator's.
    /// </summary>
    public static Kubeconfig? TryRead(string text, bool withCredentials = true)
    {
        if (!text.StartsWith(Start, StringComparison.Ordinal))
        {
            return null;
        }
        // Where each field's value lies in the text: only the values the result keeps become strings.
        Range? ca = null, proxy = null, server = null, tlsServerName = null, clusterName = null, contextName = null;
        Range? user = null, certificate = null, key = null;
        var insecure = false;
        for (var start = 0; start <= text.Length;)
        {
            var end = text.IndexOf('\n', start) is var newline and >= 0 ? newline : text.Length;
            var line = text.AsSpan(start, end - start);
            // Lines the rendering fixes (the context's cluster and user, the headers) are checked by the comparison.
            _ = Take(line, start, "    certificate-authority-data: ", ref ca) || Take(line, start, "    proxy-url: ", ref proxy)
                || Take(line, start, "    server: ", ref server) || Take(line, start, "    tls-server-name: ", ref tlsServerName)
                || Take(line, start, "  name: ", ref clusterName) || Take(line, start, "  name: ", ref contextName)
                || Take(line, start, "- name: ", ref user)
                || Take(line, start, "    client-certificate-data: ", ref certificate) || Take(line, start, "    client-key-data: ", ref key)
                || (insecure = insecure || line.SequenceEqual("    insecure-skip-tls-verify: true"));
            start = end + 1;
        }
        if (clusterName is null || contextName is null || user is null)
        {
            return null;
        }
        Blob? caData = null;
        if (ca is { } caRange)
        {
            var base64 = text.AsSpan(caRange);
            var bytes = ArrayPool<byte>.Shared.Rent(base64.Length);
            caData = Convert.TryFromBase64Chars(base64, bytes, out var length) ? new Blob(bytes.AsSpan(0, length)) : null;
            ArrayPool<byte>.Shared.Return(bytes);
            if (caData is null)
            {
                return null;
            }
        }
        var cluster = new KubeconfigCluster(text[clusterName.Value], Text(text, server), caData, Text(text, tlsServerName), Text(text, proxy), insecure);
        var (context, userName) = (text[contextName.Value], text[user.Value]);
        if (!KubeconfigWriter.Render(cluster, context, userName, Span(text, certificate), certificate is null, Span(text, key), key is null).Equals(text.AsSpan()))
        {
            return null;
        }
        return new Kubeconfig(
            EquatableList.Of(cluster), EquatableList.Of(withCredentials ? new KubeconfigUser(userName, Text(text, certificate), Text(text, key)) : new KubeconfigUser(userName, null, null)),
            EquatableList.Of(new KubeconfigContext(context, cluster.Name, userName)), context);
    }

    /// <summary>Where the value of <paramref name="line"/> (at <paramref name="start"/>) lies, if it has that prefix and the field is still empty.</summary>
    private static bool Take(ReadOnlySpan<char> line, int start, string prefix, ref Range? field)
    {
        if (field is not null || !line.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }
        field = new Range(start + prefix.Length, start + line.Length);
        return true;
    }

    private static string? Text(string text, Range? range) => range is { } r ? text[r] : null;

    private static ReadOnlySpan<char> Span(string text, Range? range) => range is { } r ? text.AsSpan(r) : default;
}
