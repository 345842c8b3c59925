using System.Text.Json.Nodes;

namespace KamajiKubeconfig.Chaos.Infrastructure;

/// <summary>The sandbox's Secret ledger: the certificates each generated Secret held, in order, and every stored private key.</summary>
public sealed record Ledger(IReadOnlyDictionary<string, IReadOnlyList<string>> Certificates, IReadOnlyList<string> Keys)
{
    /// <summary>Successive values of each generated Secret's rotate annotation, with the field managers that owned it.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> RotateAnnotations { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public static Ledger From(JsonObject o)
    {
        var certificates = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var rotations = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var secret in (o["secrets"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var key = $"{secret["namespace"]}/{secret["name"]}";
            certificates[key] = [.. (secret["certificates"] as JsonArray ?? []).Select(c => c!.GetValue<string>())];
            rotations[key] = [.. (secret["rotateAnnotation"] as JsonArray ?? []).Select(c => c!.GetValue<string>())];
        }
        return new Ledger(certificates, [.. (o["keys"] as JsonArray ?? []).Select(k => k!.GetValue<string>())]) { RotateAnnotations = rotations };
    }

    /// <summary>How many certificates each Secret received after <paramref name="before"/> (new Secrets count all theirs).</summary>
    public Dictionary<string, int> IssuedSince(Ledger before) =>
        Certificates.ToDictionary(p => p.Key, p => p.Value.Count - (before.Certificates.TryGetValue(p.Key, out var old) ? old.Count : 0), StringComparer.Ordinal);
}
