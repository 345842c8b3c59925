using System.Text.Json.Nodes;
using k8s.Models;
using static KamajiKubeconfig.Tests.Manifests.ShippedManifests;

namespace KamajiKubeconfig.Tests.Manifests;

/// <summary>Container resources as the API server validates them: a request above its limit is refused.</summary>
public static class ResourceChecks
{
    public static IReadOnlyList<string> RequestsWithinLimits(IReadOnlyList<JsonObject> documents) =>
        [.. from d in documents.OfKind("Deployment")
            from c in PodTemplates.Containers(d)
            let limits = c.Container["resources"]?["limits"] as JsonObject ?? []
            from request in c.Container["resources"]?["requests"] as JsonObject ?? []
            let limit = limits[request.Key]
            where limit is not null && Quantity(request.Value) > Quantity(limit)
            select $"{Describe(d)}: {c.Path}.resources.requests.{request.Key}: Invalid value: \"{Text(request.Value)}\": must be less than or equal to {request.Key} limit of {Text(limit)}"];

    private static string Text(JsonNode? quantity) => quantity is JsonValue v && v.TryGetValue<string>(out var s) ? s : quantity?.ToJsonString() ?? "";

    // A quantity that does not parse is ModelSchema's complaint; here it compares as "no larger than anything".
    private static decimal Quantity(JsonNode? quantity)
    {
        try
        {
            return new ResourceQuantity(Text(quantity)).ToDecimal();
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            return decimal.MinValue;
        }
    }
}
