using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace KamajiKubeconfig.Reconcile;

/// <summary>
/// Reads a kubeconfig (YAML or JSON) into <see cref="Kubeconfig"/>. Pure; failures come back as text. The text may
/// come from anyone who can edit a Secret in a tenant namespace, so it is bounded before the recursive YAML loader
/// sees it (<see cref="YamlBounds"/>), and every field the controller would not write is recorded, so a kubeconfig
/// that grew an <c>exec</c> plugin or a token is not mistaken for ours.
/// </summary>
public static class KubeconfigReader
{
    private static readonly string[] RootFields = ["apiVersion", "kind", "clusters", "users", "contexts", "current-context", "preferences"];
    private static readonly string[] ClusterFields = ["server", "certificate-authority-data", "tls-server-name", "proxy-url", "insecure-skip-tls-verify"];
    private static readonly string[] UserFields = ["client-certificate-data", "client-key-data"];
    private static readonly string[] ContextFields = ["cluster", "user"];

    /// <summary>
    /// The canonical layout without the YAML parser (<see cref="CanonicalKubeconfig"/>, which copies the user's
    /// credentials out only <paramref name="withCredentials"/>), anything else with it.
    /// </summary>
    public static Kubeconfig? TryRead(string text, out string? error, bool withCredentials = true)
    {
        error = null;
        return text.Length <= YamlBounds.MaxCharacters && CanonicalKubeconfig.TryRead(text, withCredentials) is { } canonical ? canonical : ReadYaml(text, out error);
    }

    internal static Kubeconfig? ReadYaml(string text, out string? error)
    {
        var refused = YamlBounds.Read(text, out var events, out var malformed);
        if (refused is not null || malformed is not null)
        {
            error = refused is not null ? $"the kubeconfig is refused: {refused}" : $"the kubeconfig is not valid YAML: {malformed!.Message}";
            return null;
        }
        var stream = new YamlStream();
        try
        {
            // Built from the events the bounds check already read: the text is scanned once.
            stream.Load(new YamlBounds.Replay(events));
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            // YamlDotNet throws InvalidOperationException, not YamlException, on some malformed input (YamlBounds).
            error = $"the kubeconfig is not valid YAML: {e.Message}";
            return null;
        }
        if (stream.Documents.FirstOrDefault()?.RootNode is not YamlMappingNode root)
        {
            error = "the kubeconfig is not a YAML mapping";
            return null;
        }
        var unexpected = new List<string>();
        Unexpected(root, RootFields, "", unexpected);
        if (root.Children.TryGetValue(new YamlScalarNode("preferences"), out var preferences)
            && preferences is not (YamlMappingNode { Children.Count: 0 } or YamlScalarNode { Value: null or "" or "null" or "~" }))
        {
            unexpected.Add("preferences");
        }
        try
        {
            error = null;
            return Read(root, unexpected);
        }
        catch (FormatException)
        {
            // clientcmd fails alike: certificate-authority-data is bytes, base64 in the file.
            error = "the kubeconfig is not valid: certificate-authority-data is not base64";
            return null;
        }
    }

    private static Kubeconfig Read(YamlMappingNode root, List<string> unexpected) =>
        new Kubeconfig(
            Entries(root, "clusters", "cluster", ClusterFields, unexpected, (name, body) => new KubeconfigCluster(
                name,
                Scalar(body, "server"),
                Blob.FromBase64(Scalar(body, "certificate-authority-data")),
                Scalar(body, "tls-server-name"),
                Scalar(body, "proxy-url"),
                Scalar(body, "insecure-skip-tls-verify") == "true")),
            Entries(root, "users", "user", UserFields, unexpected, (name, body) => new KubeconfigUser(
                name, Scalar(body, "client-certificate-data"), Scalar(body, "client-key-data"))),
            Entries(root, "contexts", "context", ContextFields, unexpected, (name, body) => new KubeconfigContext(
                name, Scalar(body, "cluster"), Scalar(body, "user"))),
            Scalar(root, "current-context"))
        {
            UnexpectedFields = unexpected.ToEquatableList(),
        };

    private static EquatableList<T> Entries<T>(
        YamlMappingNode root, string listKey, string bodyKey, string[] bodyFields, List<string> unexpected, Func<string, YamlMappingNode?, T> map)
    {
        if (!root.Children.TryGetValue(new YamlScalarNode(listKey), out var list) || list is not YamlSequenceNode sequence)
        {
            return EquatableList<T>.Empty;
        }
        var entries = new List<T>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var path = $"{listKey}[{i}]";
            if (sequence.Children[i] is not YamlMappingNode entry)
            {
                unexpected.Add(path);
                continue;
            }
            Unexpected(entry, ["name", bodyKey], path + ".", unexpected);
            var body = entry.Children.TryGetValue(new YamlScalarNode(bodyKey), out var found) ? found as YamlMappingNode : null;
            if (body is not null)
            {
                Unexpected(body, bodyFields, $"{path}.{bodyKey}.", unexpected);
            }
            entries.Add(map(Scalar(entry, "name") ?? "", body));
        }
        return entries.ToEquatableList();
    }

    private static void Unexpected(YamlMappingNode node, string[] allowed, string prefix, List<string> unexpected) =>
        unexpected.AddRange(node.Children.Keys.Select(key => (key as YamlScalarNode)?.Value ?? "?")
            .Where(name => !allowed.Contains(name, StringComparer.Ordinal))
            .Select(name => prefix + name));

    private static string? Scalar(YamlMappingNode? node, string key) =>
        node is not null && node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar
            ? scalar.Value
            : null;
}
