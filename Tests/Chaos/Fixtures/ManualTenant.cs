using System.Text.Json.Nodes;
using KamajiKubeconfig.Chaos.Infrastructure;

namespace KamajiKubeconfig.Chaos.Fixtures;

/// <summary>
/// A TCP the Kamaji simulator leaves alone (annotation <c>sandbox.kamaji.clastix.io/ignore</c>): the harness writes its
/// CA and admin kubeconfig Secrets (any content, any names, labelled as Kamaji does or not) and its status itself.
/// </summary>
public static class ManualTenant
{
    public const string IgnoreAnnotation = "sandbox.kamaji.clastix.io/ignore";

    public static JsonObject CaData(TenantPki.Ca ca) => new()
    {
        ["ca.crt"] = TenantPki.B64(ca.CertificatePem),
        ["ca.key"] = TenantPki.B64(ca.KeyPem),
    };

    public static JsonObject KamajiLabels(string tcp, string component) => Objects.Labels(
        ("kamaji.clastix.io/project", "kamaji"), ("kamaji.clastix.io/name", tcp), ("kamaji.clastix.io/component", component));

    /// <summary>Creates the TCP (optionally with a custom spec or labels) and sets its status to name the two Secrets.</summary>
    public static async Task CreateTenantAsync(ApiClient admin, string ns, string name, string adminSecret, string caSecret, JsonObject? spec = null,
        JsonObject? labels = null, JsonObject? annotations = null)
    {
        var notes = annotations ?? [];
        notes[IgnoreAnnotation] = "true";
        await admin.CreateAsync(Objects.TenantsPath(ns), Objects.TenantControlPlane(ns, name, labels, notes, spec));
        await SetStatusAsync(admin, ns, name, adminSecret, caSecret);
    }

    public static Task SetStatusAsync(ApiClient admin, string ns, string name, string adminSecret, string caSecret) =>
        admin.MergePatchAsync(Objects.Tenant(ns, name) + "/status", new JsonObject
        {
            ["status"] = new JsonObject
            {
                ["kubeconfig"] = new JsonObject { ["admin"] = new JsonObject { ["secretName"] = adminSecret } },
                ["certificates"] = new JsonObject { ["ca"] = new JsonObject { ["secretName"] = caSecret } },
                ["controlPlaneEndpoint"] = $"{name}.{ns}.example:6443",
                ["kubernetesResources"] = new JsonObject { ["version"] = new JsonObject { ["status"] = "Ready" } },
            },
        });

    /// <summary>A CA Secret and an admin kubeconfig Secret (admin.conf and admin.svc) for a good or bad CA; labelled as Kamaji's unless told not to.</summary>
    public static async Task CreateSecretsAsync(ApiClient admin, string ns, string tcp, TenantPki.Ca ca, string adminSecret, string caSecret,
        bool labelled = true, string? adminConf = null)
    {
        await admin.CreateAsync(Objects.SecretsPath(ns), Objects.Secret(ns, caSecret, CaData(ca), labels: labelled ? KamajiLabels(tcp, "ca") : null));
        var conf = adminConf ?? TenantPki.AdminKubeconfig(ca, $"https://{tcp}.{ns}.example:6443");
        await admin.CreateAsync(Objects.SecretsPath(ns), Objects.Secret(ns, adminSecret, new JsonObject
        {
            ["admin.conf"] = TenantPki.B64(conf),
            ["admin.svc"] = TenantPki.B64(TenantPki.AdminKubeconfig(ca, $"https://{tcp}.{ns}.svc:6443")),
        }, labels: labelled ? KamajiLabels(tcp, "admin-kubeconfig") : null));
    }

    /// <summary>A ready manual tenant with a good RSA CA: TCP, Secrets <c>&lt;tcp&gt;-ca</c> and <c>&lt;tcp&gt;-admin-kubeconfig</c>, status.</summary>
    public static async Task<TenantPki.Ca> CreateHealthyAsync(ApiClient admin, string ns, string tcp, CaKind kind = CaKind.RsaPkcs1, bool labelled = true,
        JsonObject? spec = null, JsonObject? labels = null, JsonObject? annotations = null)
    {
        var ca = TenantPki.Create(kind);
        await CreateSecretsAsync(admin, ns, tcp, ca, $"{tcp}-admin-kubeconfig", $"{tcp}-ca", labelled);
        await CreateTenantAsync(admin, ns, tcp, $"{tcp}-admin-kubeconfig", $"{tcp}-ca", spec, labels, annotations);
        return ca;
    }
}
