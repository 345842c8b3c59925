using k8s;

namespace KamajiKubeconfig.Controller.Hosting;

/// <summary>
/// Where the API server is: <c>--kubeconfig</c>, else in-cluster, else <c>$KUBECONFIG</c> / <c>~/.kube/config</c>
/// (docs/behaviour.md A6). In-cluster is checked before the default file on purpose: a kubeconfig baked into an image must
/// not win over the pod's service account (docs/kubernetes-notes.md B2).
/// </summary>
public static class KubernetesConfig
{
    public static KubernetesClientConfiguration Build(string? kubeconfig) =>
        kubeconfig is not null ? KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig)
        : KubernetesClientConfiguration.IsInCluster() ? KubernetesClientConfiguration.InClusterConfig()
        : KubernetesClientConfiguration.BuildDefaultConfig();
}
