using System.Text.Json;

namespace KamajiKubeconfig.Sandbox.Json;

/// <summary>
/// How deep the sandbox reads JSON. kube-apiserver accepts objects nested up to 10,000 levels (Go's decoder limit);
/// System.Text.Json stops at 64 by default, which refused legal objects (a TenantControlPlane 60 levels deep).
/// The sandbox works on recursive <c>JsonNode</c> trees, so it reads up to 1,000 levels: far beyond any test
/// object, well within the stack (a known difference, listed in the README).
/// </summary>
public static class JsonLimits
{
    public const int MaxDepth = 1000;

    public static readonly JsonDocumentOptions Document = new() { MaxDepth = MaxDepth };
}
