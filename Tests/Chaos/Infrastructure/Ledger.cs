using System.Text.Json.Nodes;

namespace KamajiKubeconfig.Chaos.Infrastructure;

/// <summary>The sandbox's Secret ledger: the certificates each generated Secret held, in order, and every stored private key.</summary>
public sealed record Ledger(IReadOnlyDictionary<string, IReadOnlyList<string>> Certificates, IReadOnlyList<string> Keys)
{
    public static Ledger From(JsonObject o)
    {
        var certificates = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var secret in (o["secrets"] as JsonArray ?? []).OfType<JsonObject>())
        {
            certificates[$"{secret["namespace"]}/{secret["name"]}"] = [.. (secret["certificates"] as JsonArray ?? []).Select(c => c!.GetValue<string>())];
        }
        return new Ledger(certificates, [.. (o["keys"] as JsonArray ?? []).Select(k => k!.GetValue<string>())]);
    }

    /// <summary>How many certificates each Secret received after <paramref name="before"/> (new Secrets count all theirs).</summary>
    public Dictionary<string, int> IssuedSince(Ledger before) =>
        Certificates.ToDictionary(p => p.Key, p => p.Value.Count - (before.Certificates.TryGetValue(p.Key, out var old) ? old.Count : 0), StringComparer.Ordinal);
}
