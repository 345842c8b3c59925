using KamajiKubeconfig.Chaos.Checks;
using KamajiKubeconfig.Chaos.Fixtures;
using KamajiKubeconfig.Chaos.Infrastructure;

namespace KamajiKubeconfig.Chaos.BadInputs;

/// <summary>
/// TCP status naming its Secrets in odd ways (issue 14, critical): path traversal into another namespace, slashes,
/// escaped slashes, query and fragment characters, whitespace, 300-character names, a homoglyph, and a plain name that
/// exists only in the victim namespace (what a cache keyed by name alone would find), on the admin and on the CA
/// reference. Each must be a status error of that tenant; nothing is ever read from, signed by, or written to the
/// victim namespace (its Secrets are snapshotted and must not change).
/// </summary>
public static class ReferenceCases
{
    /// <summary>(victim namespace, victim Secret, the tenant's own Secret) to the name its status gives.</summary>
    private static readonly (string Name, Func<string, string, string, string> Make)[] Shapes =
    [
        ("traversal", (victimNs, victim, _) => $"../../{victimNs}/secrets/{victim}"),
        ("slash", (victimNs, victim, _) => $"{victimNs}/{victim}"),
        ("escaped-slash", (victimNs, victim, _) => $"..%2F..%2F{victimNs}%2Fsecrets%2F{victim}"),
        ("query", (_, _, own) => $"{own}?labelSelector=x"),
        ("fragment", (_, _, own) => $"{own}#fragment"),
        ("whitespace", (_, _, own) => $" {own} "),
        ("300-characters", (_, _, _) => new string('a', 300)),
        ("homoglyph", (_, _, own) => own.Replace('a', '\u0430')),
        ("only-in-another-namespace", (_, victim, _) => victim),
    ];

    public static IEnumerable<BadInputCase> All() =>
        Shapes.SelectMany(shape => new[] { Case(shape.Name, shape.Make, ca: true), Case(shape.Name, shape.Make, ca: false) });

    private static BadInputCase Case(string shape, Func<string, string, string, string> make, bool ca) => new()
    {
        Name = $"status-{(ca ? "ca" : "admin")}-secretname-{shape}",
        Source = "14 cross-namespace",
        SetupAsync = async c =>
        {
            var victimNs = await c.NamespaceAsync(c.Namespace + "-victim");
            await c.KamajiTenantAsync("victim", ns: victimNs);
            foreach (var secret in await c.Admin.ListAsync(Objects.SecretsPath(victimNs)))
            {
                c.World.Expect.Foreign(secret);
            }
            await c.NamespaceAsync();
            var own = TenantPki.Create(CaKind.RsaPkcs1);
            await ManualTenant.CreateSecretsAsync(c.Admin, c.Namespace, "tcp", own, "tcp-admin-kubeconfig", "tcp-ca");
            var hostile = make(victimNs, ca ? "victim-ca" : "victim-admin-kubeconfig", ca ? "tcp-ca" : "tcp-admin-kubeconfig");
            await ManualTenant.CreateTenantAsync(c.Admin, c.Namespace, "tcp", ca ? "tcp-admin-kubeconfig" : hostile, ca ? hostile : "tcp-ca");
            c.Resource = c.Tenant();
            c.Outcome("tcp", PairOutcome.Error);
            await c.GeneratorAsync(c.GeneratorBody());
        },
        VerifyAsync = c => CrossNamespaceEvidenceAsync(c, ca),
    };

    /// <summary>When a Secret was written anyway, says whether it was built from the victim namespace's CA or template.</summary>
    private static async Task CrossNamespaceEvidenceAsync(CaseContext c, bool ca)
    {
        var secret = await c.Admin.GetAsync(Objects.Secret(c.Namespace, $"tcp-{c.Generator}"));
        var config = secret is null ? null : YamlDocuments.TryParseObject(TenantInputs.Data(secret, "value") ?? "", out _);
        if (config is null)
        {
            return;
        }
        var victimNs = c.Namespace + "-victim";
        var victimCa = await c.Admin.GetAsync(Objects.Secret(victimNs, "victim-ca"));
        var victimAdmin = await c.Admin.GetAsync(Objects.Secret(victimNs, "victim-admin-kubeconfig"));
        if (ca && victimCa is not null)
        {
            var user = config["users"]?[0]?["user"];
            var certificate = Decode(user?["client-certificate-data"]);
            var key = Decode(user?["client-key-data"]);
            if (certificate is not null && key is not null && await OpenSsl.CheckClientCertificateAsync(certificate, key, TenantInputs.Data(victimCa, "ca.crt")!) is null)
            {
                c.Fail($"the client certificate was signed by the CA of namespace {victimNs} (read across namespaces)");
            }
        }
        if (!ca && victimAdmin is not null
            && TenantInputs.ReadTemplateCluster(TenantInputs.Data(victimAdmin, "admin.conf"), out _) is { } victimCluster
            && config["clusters"]?[0] is { } cluster && System.Text.Json.Nodes.JsonNode.DeepEquals(cluster, victimCluster))
        {
            c.Fail($"the kubeconfig was built from namespace {victimNs}'s admin kubeconfig (read across namespaces)");
        }
    }

    private static string? Decode(System.Text.Json.Nodes.JsonNode? node) =>
        TenantInputs.Text(node) is { } b64 ? System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(b64)) : null;
}
