using k8s.KubeConfigModels;
using YamlDotNet.RepresentationModel;

namespace KamajiKubeconfig.Controller.Hosting;

/// <summary>
/// Reads the controller's own kubeconfig file into the client's model. KubernetesClient's loader maps YAML by
/// reflection over metadata tokens, which a Native AOT build does not keep (docs/design.md, "Native AOT"), so the
/// fields the client connects with are read here from the YAML tree; the client still does the rest (contexts, TLS,
/// exec plugins, files named relative to this one). Unknown fields are ignored, as kubectl ignores them.
/// </summary>
internal static class KubeconfigFile
{
    public static K8SConfiguration Load(string path)
    {
        var yaml = new YamlStream();
        using (var reader = File.OpenText(path))
        {
            yaml.Load(reader);
        }
        var root = yaml.Documents.Count > 0 ? yaml.Documents[0].RootNode as YamlMappingNode : null;
        return new K8SConfiguration
        {
            FileName = Path.GetFullPath(path),
            CurrentContext = Text(root, "current-context"),
            Clusters = Named(root, "clusters", "cluster", (name, c) => new k8s.KubeConfigModels.Cluster
            {
                Name = name,
                ClusterEndpoint = new ClusterEndpoint
                {
                    Server = Text(c, "server"),
                    CertificateAuthority = Text(c, "certificate-authority"),
                    CertificateAuthorityData = Text(c, "certificate-authority-data"),
                    TlsServerName = Text(c, "tls-server-name"),
                    SkipTlsVerify = Text(c, "insecure-skip-tls-verify") is "true",
                },
            }),
            Users = Named(root, "users", "user", (name, u) => new User
            {
                Name = name,
                UserCredentials = new UserCredentials
                {
                    ClientCertificateData = Text(u, "client-certificate-data"),
                    ClientCertificate = Text(u, "client-certificate"),
                    ClientKeyData = Text(u, "client-key-data"),
                    ClientKey = Text(u, "client-key"),
                    Token = Text(u, "token"),
                    UserName = Text(u, "username"),
                    Password = Text(u, "password"),
                    Impersonate = Text(u, "as"),
                    ImpersonateGroups = Child<YamlSequenceNode>(u, "as-groups")?.OfType<YamlScalarNode>().Select(s => s.Value ?? "").ToList(),
                    ExternalExecution = Child<YamlMappingNode>(u, "exec") is { } exec ? Exec(exec) : null,
                },
            }),
            Contexts = Named(root, "contexts", "context", (name, c) => new Context
            {
                Name = name,
                ContextDetails = new ContextDetails { Cluster = Text(c, "cluster"), User = Text(c, "user"), Namespace = Text(c, "namespace") },
            }),
        };
    }

    private static ExternalExecution Exec(YamlMappingNode exec) => new()
    {
        ApiVersion = Text(exec, "apiVersion"),
        Command = Text(exec, "command"),
        Arguments = Child<YamlSequenceNode>(exec, "args")?.OfType<YamlScalarNode>().Select(s => s.Value ?? "").ToList(),
        EnvironmentVariables = Child<YamlSequenceNode>(exec, "env")?.OfType<YamlMappingNode>()
            .Select(e => new Dictionary<string, string> { ["name"] = Text(e, "name") ?? "", ["value"] = Text(e, "value") ?? "" }).ToList(),
        ProvideClusterInfo = Text(exec, "provideClusterInfo") is "true",
    };

    /// <summary>A list of <c>{name, &lt;field&gt;: {...}}</c> entries, as kubeconfigs keep clusters, users and contexts.</summary>
    private static List<T> Named<T>(YamlMappingNode? root, string list, string field, Func<string?, YamlMappingNode?, T> map) =>
        Child<YamlSequenceNode>(root, list)?.OfType<YamlMappingNode>().Select(e => map(Text(e, "name"), Child<YamlMappingNode>(e, field))).ToList() ?? [];

    private static T? Child<T>(YamlMappingNode? node, string key)
        where T : YamlNode =>
        node is not null && node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child as T : null;

    private static string? Text(YamlMappingNode? node, string key) => Child<YamlScalarNode>(node, key)?.Value;
}
