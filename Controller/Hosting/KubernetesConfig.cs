using k8s;

namespace KamajiKubeconfig.Controller.Hosting;

/// <summary>
/// Where the API server is: <c>--kubeconfig</c>, else in-cluster, else the first file named by <c>$KUBECONFIG</c>,
/// else <c>~/.kube/config</c> (docs/behaviour.md A6). In-cluster is checked before the default file on purpose: a
/// kubeconfig baked into an image must not win over the pod's service account (docs/kubernetes-notes.md B2).
/// </summary>
public static class KubernetesConfig
{
    public static KubernetesClientConfiguration Build(string? kubeconfig) =>
        kubeconfig is not null ? FromFile(kubeconfig)
        : KubernetesClientConfiguration.IsInCluster() ? KubernetesClientConfiguration.InClusterConfig()
        : FromFile(DefaultFile());

    private static KubernetesClientConfiguration FromFile(string path) =>
        KubernetesClientConfiguration.BuildConfigFromConfigObject(KubeconfigFile.Load(path));

    private static string DefaultFile() =>
        (Environment.GetEnvironmentVariable("KUBECONFIG") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(File.Exists)
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
}
