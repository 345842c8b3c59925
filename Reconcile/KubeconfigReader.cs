using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace KamajiKubeconfig.Reconcile;

/// <summary>Reads a kubeconfig (YAML or JSON) into <see cref="Kubeconfig"/>. Pure; failures come back as text.</summary>
public static class KubeconfigReader
{
    public static Kubeconfig? TryRead(string text, out string? error)
    {
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode mapping)
            {
                error = "the kubeconfig is not a YAML mapping";
                return null;
            }
            root = mapping;
        }
        catch (YamlException e)
        {
            error = $"the kubeconfig is not valid YAML: {e.Message}";
            return null;
        }
        error = null;
        return new Kubeconfig(
            Entries(root, "clusters", "cluster", (name, body) => new KubeconfigCluster(
                name,
                Scalar(body, "server"),
                Scalar(body, "certificate-authority-data"),
                Scalar(body, "tls-server-name"),
                Scalar(body, "proxy-url"),
                Scalar(body, "insecure-skip-tls-verify") == "true")),
            Entries(root, "users", "user", (name, body) => new KubeconfigUser(
                name, Scalar(body, "client-certificate-data"), Scalar(body, "client-key-data"))),
            Entries(root, "contexts", "context", (name, body) => new KubeconfigContext(
                name, Scalar(body, "cluster"), Scalar(body, "user"))),
            Scalar(root, "current-context"));
    }

    private static EquatableList<T> Entries<T>(
        YamlMappingNode root, string listKey, string bodyKey, Func<string, YamlMappingNode?, T> map)
    {
        if (!root.Children.TryGetValue(new YamlScalarNode(listKey), out var list) || list is not YamlSequenceNode sequence)
        {
            return EquatableList<T>.Empty;
        }
        return sequence.Children.OfType<YamlMappingNode>()
            .Select(entry => map(
                Scalar(entry, "name") ?? "",
                entry.Children.TryGetValue(new YamlScalarNode(bodyKey), out var body) ? body as YamlMappingNode : null))
            .ToEquatableList();
    }

    private static string? Scalar(YamlMappingNode? node, string key) =>
        node is not null && node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar
            ? scalar.Value
            : null;
}
