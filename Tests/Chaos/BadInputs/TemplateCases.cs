using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using KamajiKubeconfig.Chaos.Checks;
using KamajiKubeconfig.Chaos.Fixtures;
using KamajiKubeconfig.Chaos.Infrastructure;

namespace KamajiKubeconfig.Chaos.BadInputs;

/// <summary>
/// Admin kubeconfig Secrets (the template) that are malformed, ambiguous, hostile or huge (issues 10 and 14). The
/// malformed ones still carry a real admin key: an error message that quotes the document would leak it.
/// </summary>
public static class TemplateCases
{
    public static IEnumerable<BadInputCase> All() =>
    [
        Broken("admin-malformed-yaml", (ca, good) => good.Replace("users:", "users: [unclosed", StringComparison.Ordinal)),
        Broken("admin-no-cluster", (ca, good) => Replace(good, "clusters:", "users:", "clusters: []\ncontexts: []\n")),
        Broken("admin-no-server", (ca, good) => string.Join('\n', good.Split('\n').Where(l => !l.TrimStart().StartsWith("server:", StringComparison.Ordinal)))),
        Broken("admin-binary-garbage", (ca, good) => Encoding.Latin1.GetString(RandomNumberGenerator.GetBytes(4096))),
        Broken("admin-alias-bomb", (ca, good) => AliasBomb()),
        Broken("admin-100000-nested-sequences", (ca, good) => new string('[', 100_000) + new string(']', 100_000), isolated: true, source: "14 hostile YAML"),
        Handled("admin-two-clusters", good => good.Replace("clusters:\n", "clusters:\n- cluster:\n    server: https://decoy.example:6443\n  name: decoy\n", StringComparison.Ordinal)),
        Handled("admin-exec-user", good => good.Replace("    client-key-data:", "    exec: {apiVersion: client.authentication.k8s.io/v1, command: sh, args: [-c, id]}\n    client-key-data:", StringComparison.Ordinal)),
        Handled("admin-auth-provider-user", good => good.Replace("    client-key-data:", "    auth-provider: {name: oidc, config: {id-token: x}}\n    client-key-data:", StringComparison.Ordinal)),
        Handled("admin-huge-server", good => good.Replace(".example:6443", "." + new string('a', 300 * 1024) + ".example:6443", StringComparison.Ordinal)),
        MissingKey(),
        MissingSecret(),
    ];

    private static string Replace(string text, string from, string until, string with)
    {
        var start = text.IndexOf(from, StringComparison.Ordinal);
        var end = text.IndexOf(until, start, StringComparison.Ordinal);
        return text[..start] + with + text[end..];
    }

    private static string AliasBomb()
    {
        var lines = new StringBuilder("a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var i = 1; i < 10; i++)
        {
            lines.Append($"a{i}: &a{i} [{string.Join(",", Enumerable.Repeat($"*a{i - 1}", 9))}]\n");
        }
        return lines.Append("clusters: *a9\n").ToString();
    }

    /// <summary>A tenant whose admin.conf is rewritten by <paramref name="edit"/>: a status error for that tenant.</summary>
    private static BadInputCase Broken(string name, Func<TenantPki.Ca, string, string> edit, bool isolated = false, string source = "10 admin kubeconfig") => new()
    {
        Name = name,
        Source = source,
        Isolated = isolated,
        SetupAsync = c => TenantWithTemplateAsync(c, edit, PairOutcome.Error),
    };

    /// <summary>Odd but usable templates: the output must still be exactly ours (no exec, one cluster), or the tenant refused.</summary>
    private static BadInputCase Handled(string name, Func<string, string> edit) => new()
    {
        Name = name,
        Source = "10 admin kubeconfig",
        Accept = Signal.Error | Signal.Valid,
        SetupAsync = c => TenantWithTemplateAsync(c, (_, good) => edit(good), PairOutcome.Either),
    };

    private static async Task TenantWithTemplateAsync(CaseContext c, Func<TenantPki.Ca, string, string> edit, PairOutcome outcome)
    {
        await c.NamespaceAsync();
        var ca = TenantPki.Create(CaKind.RsaPkcs1);
        var good = TenantPki.AdminKubeconfig(ca, $"https://tcp.{c.Namespace}.example:6443");
        await ManualTenant.CreateSecretsAsync(c.Admin, c.Namespace, "tcp", ca, "tcp-admin-kubeconfig", "tcp-ca", adminConf: edit(ca, good));
        await ManualTenant.CreateTenantAsync(c.Admin, c.Namespace, "tcp", "tcp-admin-kubeconfig", "tcp-ca");
        c.Resource = c.Tenant();
        c.Outcome("tcp", outcome);
        await c.GeneratorAsync(c.GeneratorBody());
    }

    private static BadInputCase MissingKey() => new()
    {
        Name = "admin-key-missing",
        Source = "10 admin kubeconfig",
        SetupAsync = async c =>
        {
            await c.NamespaceAsync();
            var ca = TenantPki.Create(CaKind.RsaPkcs1);
            await c.Admin.CreateAsync(Objects.SecretsPath(c.Namespace), Objects.Secret(c.Namespace, "tcp-ca", ManualTenant.CaData(ca), labels: ManualTenant.KamajiLabels("tcp", "ca")));
            await c.Admin.CreateAsync(Objects.SecretsPath(c.Namespace), Objects.Secret(c.Namespace, "tcp-admin-kubeconfig",
                new JsonObject { ["admin.svc"] = TenantPki.B64(TenantPki.AdminKubeconfig(ca, "https://tcp.svc:6443")) }, labels: ManualTenant.KamajiLabels("tcp", "admin-kubeconfig")));
            await ManualTenant.CreateTenantAsync(c.Admin, c.Namespace, "tcp", "tcp-admin-kubeconfig", "tcp-ca");
            c.Resource = c.Tenant();
            c.Outcome("tcp", PairOutcome.Error);
            await c.GeneratorAsync(c.GeneratorBody());
        },
    };

    private static BadInputCase MissingSecret() => new()
    {
        Name = "admin-secret-missing",
        Source = "10 admin kubeconfig",
        SetupAsync = async c =>
        {
            await c.NamespaceAsync();
            var ca = TenantPki.Create(CaKind.RsaPkcs1);
            await c.Admin.CreateAsync(Objects.SecretsPath(c.Namespace), Objects.Secret(c.Namespace, "tcp-ca", ManualTenant.CaData(ca), labels: ManualTenant.KamajiLabels("tcp", "ca")));
            await ManualTenant.CreateTenantAsync(c.Admin, c.Namespace, "tcp", "tcp-admin-does-not-exist", "tcp-ca");
            c.Resource = c.Tenant();
            c.Outcome("tcp", PairOutcome.Error);
            await c.GeneratorAsync(c.GeneratorBody());
        },
    };
}
