using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Json;
using KamajiKubeconfig.Tests.EndToEnd;
using KamajiKubeconfig.Tests.Tools;

namespace KamajiKubeconfig.Tests.Manifests;

/// <summary>
/// The shipped manifests as an operator's kubectl would send them: the kustomize builds of manifests/ and
/// manifests/monitoring plus the samples, one JSON object per document (YAML read as the API server reads it).
/// </summary>
public static class ShippedManifests
{
    private static readonly Lazy<Task<IReadOnlyList<JsonObject>>> Built = new(BuildAsync);

    /// <summary>A fresh deep copy on every call, so a test may break it in memory without touching the files.</summary>
    public static async Task<List<JsonObject>> LoadAsync() => [.. (await Built.Value).Select(d => (JsonObject)d.DeepClone())];

    /// <summary>"Deployment kamaji-system/kubeconfig-generator", "ClusterRole kubeconfig-generator".</summary>
    public static string Describe(JsonObject document)
    {
        var ns = Namespace(document);
        return $"{document["kind"]} {(ns is null ? "" : ns + "/")}{Name(document)}";
    }

    public static string? Name(JsonObject document) => (string?)document["metadata"]?["name"];

    public static string? Namespace(JsonObject document) => (string?)document["metadata"]?["namespace"];

    public static IEnumerable<JsonObject> OfKind(this IEnumerable<JsonObject> documents, string kind) =>
        documents.Where(d => (string?)d["kind"] == kind);

    /// <summary>The one shipped object of a kind (for tests that break it).</summary>
    public static JsonObject Only(this IEnumerable<JsonObject> documents, string kind) => documents.OfKind(kind).Single();

    private static async Task<IReadOnlyList<JsonObject>> BuildAsync()
    {
        var manifests = await ExternalTool.CheckAsync("kubectl", "kustomize", Path.Combine(RepoPaths.Root, "manifests"));
        var monitoring = await ExternalTool.CheckAsync("kubectl", "kustomize", Path.Combine(RepoPaths.Root, "manifests", "monitoring"));
        var samples = Directory.EnumerateFiles(RepoPaths.Samples, "*.yaml").Order(StringComparer.Ordinal).Select(File.ReadAllText);
        return [.. new[] { manifests, monitoring }.Concat(samples).SelectMany(YamlToJson.ParseAll).OfType<JsonObject>()];
    }
}
