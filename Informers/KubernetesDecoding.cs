using k8s;

namespace KamajiKubeconfig.Informers;

/// <summary>
/// How deep the client decodes JSON. System.Text.Json stops at 64 levels by default, while kube-apiserver stores
/// objects nested up to 10,000 levels (Go's decoder limit): a TenantControlPlane 60 levels deep is legal, and
/// with the default every list and watch carrying it fails, so its informer restarts forever and no TCP is served.
/// The client's serializer options are process-wide and freeze at first use, so <see cref="Configure"/> runs first
/// thing in the process (Program, and the test assembly's module initializer). It also puts this project's generated
/// decoders first, for the types the client would otherwise decode by reflection.
/// </summary>
public static class KubernetesDecoding
{
    /// <summary>kube-apiserver's limit plus the list and watch envelopes around an object.</summary>
    public const int MaxDepth = 10_016;

    // Thread-safe and run once, however often Configure is called.
    private static readonly Lazy<bool> Configured = new(() =>
    {
        KubernetesJson.AddJsonOptions(options =>
        {
            options.MaxDepth = MaxDepth;
            options.TypeInfoResolverChain.Insert(0, CustomObjectListContext.Default);
        });
        return true;
    });

    public static void Configure() => _ = Configured.Value;
}
