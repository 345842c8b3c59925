using System.Text.Json;
using k8s.Models;
using KamajiKubeconfig.Informers;

namespace KamajiKubeconfig.Tests.Informers.Integration;

/// <summary>
/// What the integration informers store: key, resourceVersion and the value of the "step" label, which the tests
/// bump to make an update visible without depending on any other field.
/// </summary>
internal sealed record Row(ObjectKey Key, string ResourceVersion, string? Step)
{
    public const string StepLabel = "step";

    public static ObjectAccessor<Row> Accessor { get; } = new(r => r.Key, r => r.ResourceVersion);

    public static Row Of(V1Secret secret) =>
        new(new ObjectKey(secret.Metadata.NamespaceProperty, secret.Metadata.Name), secret.Metadata.ResourceVersion, StepOf(secret.Metadata.Labels));

    public static Row Of(V1Namespace ns) =>
        new(ObjectKey.Cluster(ns.Metadata.Name), ns.Metadata.ResourceVersion, StepOf(ns.Metadata.Labels));

    public static Row Of(JsonElement obj)
    {
        string? step = null;
        if (obj.TryGetProperty("metadata", out var metadata)
            && metadata.TryGetProperty("labels", out var labels)
            && labels.ValueKind == JsonValueKind.Object
            && labels.TryGetProperty(StepLabel, out var value))
        {
            step = value.GetString();
        }

        return new(KeyOf(obj), VersionOf(obj), step);
    }

    public static ObjectKey KeyOf(JsonElement obj)
    {
        var metadata = obj.GetProperty("metadata");
        return new(metadata.TryGetProperty("namespace", out var ns) ? ns.GetString()! : string.Empty, metadata.GetProperty("name").GetString()!);
    }

    public static string VersionOf(JsonElement obj) => obj.GetProperty("metadata").GetProperty("resourceVersion").GetString()!;

    /// <summary>"ns/name@rv", the form the cache-versus-server comparison reports.</summary>
    public override string ToString() => $"{Key}@{ResourceVersion}";

    private static string? StepOf(IDictionary<string, string>? labels) =>
        labels is not null && labels.TryGetValue(StepLabel, out var step) ? step : null;
}
