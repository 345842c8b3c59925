using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace KamajiKubeconfig.Chaos.Checks;

/// <summary>
/// Whether a TCP's inputs can yield a kubeconfig, judged independently of the controller: its status names a CA Secret
/// and an admin kubeconfig Secret (DNS-1123 names, in its own namespace); the CA is a usable, unexpired CA whose
/// unencrypted key matches it; the template key holds a kubeconfig with exactly one cluster that has a server.
/// </summary>
public sealed partial record TenantInputs(string? Problem, string? CaPem, X509Certificate2? Ca, JsonObject? TemplateCluster)
{
    public bool Usable => Problem is null;

    public static TenantInputs Judge(JsonObject tcp, string endpointKey, Func<string, string, JsonObject?> secret, DateTimeOffset now)
    {
        var ns = Text(tcp["metadata"]?["namespace"]) ?? "";
        var adminName = Text(tcp["status"]?["kubeconfig"]?["admin"]?["secretName"]);
        var caName = Text(tcp["status"]?["certificates"]?["ca"]?["secretName"]);
        if (!IsSecretName(adminName) || !IsSecretName(caName))
        {
            return Fail("the TCP status names no valid admin kubeconfig or CA Secret");
        }
        var admin = secret(ns, adminName!);
        var caSecret = secret(ns, caName!);
        if (admin is null || caSecret is null)
        {
            return Fail("the admin kubeconfig or CA Secret does not exist");
        }
        var cluster = ReadTemplateCluster(Data(admin, endpointKey), out var templateProblem);
        if (cluster is null)
        {
            return Fail($"template {endpointKey}: {templateProblem}");
        }
        var caPem = Data(caSecret, "ca.crt");
        var keyPem = Data(caSecret, "ca.key");
        if (caPem is null || keyPem is null)
        {
            return Fail("the CA Secret lacks ca.crt or ca.key");
        }
        X509Certificate2 ca;
        try
        {
            ca = X509Certificate2.CreateFromPem(caPem, keyPem);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            return Fail($"the CA certificate and key are unusable together: {e.Message}");
        }
        var constraints = ca.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        var usage = ca.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
        if (constraints is not { CertificateAuthority: true } || (usage is not null && !usage.KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign)))
        {
            return Fail("the CA certificate is not a CA (CA:TRUE and keyCertSign)");
        }
        if (ca.NotAfter.ToUniversalTime() <= now.UtcDateTime)
        {
            return Fail("the CA has expired");
        }
        return new TenantInputs(null, caPem, ca, cluster);
    }

    private static TenantInputs Fail(string problem) => new(problem, null, null, null);

    /// <summary>A string field, or null for anything else (hostile objects put maps where names belong).</summary>
    public static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static string? Data(JsonObject secret, string key)
    {
        if (Text(secret["data"]?[key]) is not { } encoded)
        {
            return null;
        }
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>{name, cluster} of the template's single cluster, or null.</summary>
    public static JsonObject? ReadTemplateCluster(string? kubeconfig, out string? problem)
    {
        problem = null;
        if (kubeconfig is null)
        {
            problem = "missing";
            return null;
        }
        var document = YamlDocuments.TryParseObject(kubeconfig, out problem);
        if (document is null)
        {
            return null;
        }
        var clusters = (document["clusters"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var entry = clusters.Count == 1 ? clusters[0] : CurrentContextCluster(document, clusters);
        if (entry is null || entry["name"]?.GetValueKind() != System.Text.Json.JsonValueKind.String
            || entry["cluster"]?["server"]?.GetValueKind() != System.Text.Json.JsonValueKind.String
            || entry["cluster"]!["server"]!.GetValue<string>().Length == 0)
        {
            problem = "no single cluster (or the current context's) with a name and a server";
            return null;
        }
        return entry;
    }

    /// <summary>With several clusters, the one the current context uses, when that is unambiguous.</summary>
    private static JsonObject? CurrentContextCluster(JsonObject document, List<JsonObject> clusters)
    {
        var current = document["current-context"]?.ToString();
        var contexts = (document["contexts"] as JsonArray ?? []).OfType<JsonObject>().Where(c => c["name"]?.ToString() == current).ToList();
        var name = contexts.Count == 1 ? contexts[0]["context"]?["cluster"]?.ToString() : null;
        var matching = clusters.Where(c => c["name"]?.ToString() == name).ToList();
        return name is not null && matching.Count == 1 ? matching[0] : null;
    }

    public static bool IsSecretName(string? name) => name is { Length: > 0 and <= 253 } && Subdomain().IsMatch(name);

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();
}
