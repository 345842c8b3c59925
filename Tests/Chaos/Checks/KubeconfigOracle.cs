using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace KamajiKubeconfig.Chaos.Checks;

/// <summary>
/// Judges one generated Secret as docs/behaviour.md A3 and B8 describe it, without the controller's code: Opaque,
/// our labels, a controller owner reference to the TCP, and a kubeconfig that is exactly what the controller should
/// write (the template's cluster unchanged; one user and one context named after the generator; the user holds only
/// the client certificate and key) whose certificate openssl verifies against the TCP's current CA for clientAuth,
/// with the expected subject, key type, and dates.
/// </summary>
public static class KubeconfigOracle
{
    private static readonly HashSet<string> TopLevelKeys = ["apiVersion", "kind", "clusters", "contexts", "users", "current-context", "preferences"];

    public sealed record Expected(string Generator, JsonObject Tcp, TenantInputs Inputs, Identity Identity, string Algorithm, TimeSpan RenewBefore);

    /// <summary>Null when valid; otherwise the first problem found.</summary>
    public static async Task<string?> ProblemAsync(JsonObject secret, Expected expected, DateTimeOffset now)
    {
        var tcpName = expected.Tcp["metadata"]!["name"]!.GetValue<string>();
        var metadataProblem = MetadataProblem(secret, expected.Generator, tcpName, expected.Tcp["metadata"]!["uid"]?.GetValue<string>());
        if (metadataProblem is not null)
        {
            return metadataProblem;
        }
        if (secret["metadata"]?["annotations"]?["certs.kamaji.clastix.io/rotate"] is { } rotate && TenantInputs.Text(rotate) == "")
        {
            return "a rotation was requested (certs.kamaji.clastix.io/rotate=\"\") and not done";
        }
        var value = TenantInputs.Data(secret, "value");
        var config = value is null ? null : YamlDocuments.TryParseObject(value, out _);
        if (config is null)
        {
            return "value is missing or not a readable kubeconfig";
        }
        var layout = LayoutProblem(config, expected);
        if (layout is not null)
        {
            return layout;
        }
        var user = config["users"]![0]!["user"]!;
        var certificatePem = Decode(user["client-certificate-data"]);
        var keyPem = Decode(user["client-key-data"]);
        if (certificatePem is null || keyPem is null)
        {
            return "client-certificate-data or client-key-data is not base64 PEM";
        }
        var keyProblem = ClientKeyAlgorithm.Problem(keyPem, expected.Algorithm);
        if (keyProblem is not null)
        {
            return keyProblem;
        }
        var openssl = await OpenSsl.CheckClientCertificateAsync(certificatePem, keyPem, expected.Inputs.CaPem!);
        if (openssl is not null)
        {
            return openssl;
        }
        using var certificate = X509Certificate2.CreateFromPem(certificatePem);
        return CertificateProblem(certificate, expected, now);
    }

    private static string? MetadataProblem(JsonObject secret, string generator, string tcp, string? tcpUid)
    {
        var type = secret["type"]?.GetValue<string>() ?? "Opaque";
        var labels = SelectorOracle.Labels(secret);
        if (type != "Opaque")
        {
            return $"type {type}, not Opaque";
        }
        if (labels.GetValueOrDefault("kamaji.clastix.io/managed-by") != generator || labels.GetValueOrDefault("kamaji.clastix.io/managed-for") != tcp
            || labels.GetValueOrDefault("kamaji.clastix.io/certificate_lifecycle_controller") != "kubeconfig")
        {
            return "labels managed-by / managed-for / certificate_lifecycle_controller are not ours";
        }
        var owners = (secret["metadata"]?["ownerReferences"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var controllers = owners.Where(o => o["controller"]?.GetValue<bool>() == true).ToList();
        if (controllers.Count != 1 || controllers[0]["uid"]?.GetValue<string>() != tcpUid || controllers[0]["kind"]?.GetValue<string>() != "TenantControlPlane"
            || controllers[0]["blockOwnerDeletion"]?.GetValue<bool>() != true)
        {
            return "no single controller owner reference to the TCP (with blockOwnerDeletion)";
        }
        return null;
    }

    private static string? LayoutProblem(JsonObject config, Expected expected)
    {
        var extra = config.Select(p => p.Key).Where(k => !TopLevelKeys.Contains(k)).ToList();
        if (extra.Count > 0 || config["apiVersion"]?.ToString() != "v1" || config["kind"]?.ToString() != "Config")
        {
            return $"unexpected kubeconfig layout (apiVersion/kind, extra keys {string.Join(",", extra)})";
        }
        if (config["preferences"] is JsonObject { Count: > 0 })
        {
            return "preferences are not empty";
        }
        if (config["clusters"] is not JsonArray { Count: 1 } clusters || config["users"] is not JsonArray { Count: 1 } users
            || config["contexts"] is not JsonArray { Count: 1 } contexts)
        {
            return "not exactly one cluster, one user and one context";
        }
        var template = expected.Inputs.TemplateCluster!;
        if (!JsonNode.DeepEquals(clusters[0], template))
        {
            return "the cluster entry differs from the template's (name, server or CA data)";
        }
        var clusterName = template["name"]!.GetValue<string>();
        if (users[0]?["name"]?.ToString() != expected.Generator || users[0]?["user"] is not JsonObject user
            || user.Count != 2 || user["client-certificate-data"] is null || user["client-key-data"] is null)
        {
            return "the user entry is not exactly {client-certificate-data, client-key-data} named after the generator (exec, token, or other fields present?)";
        }
        var context = contexts[0]?["context"] as JsonObject;
        if (contexts[0]?["name"]?.ToString() != expected.Generator || context is null || context.Count != 2
            || context["cluster"]?.ToString() != clusterName || context["user"]?.ToString() != expected.Generator
            || config["current-context"]?.ToString() != expected.Generator)
        {
            return "the context is not exactly {cluster, user} named after the generator and current";
        }
        return null;
    }

    private static string? CertificateProblem(X509Certificate2 certificate, Expected expected, DateTimeOffset now)
    {
        var subject = SubjectOf(certificate, out var subjectProblem);
        if (subject is null)
        {
            return subjectProblem;
        }
        if (!subject.Equals(expected.Identity))
        {
            return $"subject {subject}, expected {expected.Identity}";
        }
        var eku = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().SingleOrDefault()?.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value).ToList();
        if (eku is not ["1.3.6.1.5.5.7.3.2"])
        {
            return "extended key usage is not clientAuth only";
        }
        if (certificate.Extensions.OfType<X509BasicConstraintsExtension>().Any(b => b.CertificateAuthority))
        {
            return "the client certificate is a CA";
        }
        var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime());
        var caNotAfter = new DateTimeOffset(expected.Inputs.Ca!.NotAfter.ToUniversalTime());
        if (notAfter > caNotAfter)
        {
            return "the certificate outlives its CA";
        }
        if (notAfter <= now || (notAfter < caNotAfter && notAfter - now <= expected.RenewBefore))
        {
            return "the certificate is expired or inside its renewal window";
        }
        if (new DateTimeOffset(certificate.NotBefore.ToUniversalTime()) > now.AddMinutes(1))
        {
            return "the certificate is not valid yet";
        }
        return null;
    }

    /// <summary>CN and O values read from the DER subject, one attribute per RDN (no injected multi-valued RDNs).</summary>
    public static Identity? SubjectOf(X509Certificate2 certificate, out string? problem)
    {
        problem = null;
        string? cn = null;
        var organisations = new List<string>();
        foreach (var rdn in certificate.SubjectName.EnumerateRelativeDistinguishedNames(reversed: false))
        {
            if (rdn.HasMultipleElements)
            {
                problem = "the subject has a multi-valued RDN";
                return null;
            }
            var value = rdn.GetSingleElementValue() ?? "";
            switch (rdn.GetSingleElementType().Value)
            {
                case "2.5.4.3" when cn is null:
                    cn = value;
                    break;
                case "2.5.4.10":
                    organisations.Add(value);
                    break;
                default:
                    problem = $"unexpected subject attribute {rdn.GetSingleElementType().Value}";
                    return null;
            }
        }
        if (cn is null)
        {
            problem = "the subject has no CN";
            return null;
        }
        if (!organisations.SequenceEqual(organisations.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)))
        {
            problem = "O values are not a sorted set";
            return null;
        }
        return new Identity(cn, organisations);
    }

    private static string? Decode(JsonNode? node)
    {
        try
        {
            return node?.GetValueKind() == System.Text.Json.JsonValueKind.String ? Encoding.UTF8.GetString(Convert.FromBase64String(node.GetValue<string>())) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
