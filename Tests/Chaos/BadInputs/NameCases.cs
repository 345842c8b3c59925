using System.Text.Json.Nodes;
using KamajiKubeconfig.Chaos.Checks;
using KamajiKubeconfig.Chaos.Fixtures;
using KamajiKubeconfig.Chaos.Infrastructure;

namespace KamajiKubeconfig.Chaos.BadInputs;

/// <summary>
/// Names that collide or overflow (issues 10 and 14): Secret names over 253 characters, generators named like Kamaji's
/// own Secrets, foreign Secrets holding the target name, and a look-alike Secret another controller owns (never pruned).
/// </summary>
public static class NameCases
{
    public static IEnumerable<BadInputCase> All() =>
    [
        new()
        {
            Name = "secret-name-over-253-characters",
            Source = "10 names",
            SetupAsync = async c =>
            {
                await c.NamespaceAsync();
                var tcp = new string('t', 250);
                var ca = TenantPki.Create(CaKind.EcSec1);
                await ManualTenant.CreateSecretsAsync(c.Admin, c.Namespace, tcp, ca, "long-admin", "long-ca", labelled: false);
                await ManualTenant.CreateTenantAsync(c.Admin, c.Namespace, tcp, "long-admin", "long-ca");
                c.Resource = c.Tenant(tcp);
                c.Outcome(tcp, PairOutcome.Error);
                await c.GeneratorAsync(c.GeneratorBody());
            },
        },
        KamajiCollision("generator-named-ca", "ca"),
        KamajiCollision("generator-named-admin-kubeconfig", "admin-kubeconfig"),
        Foreign("foreign-opaque-secret-with-target-name", c => Objects.Secret(c.Namespace, $"tcp-{c.Generator}", new JsonObject { ["value"] = TenantPki.B64("not yours") })),
        Foreign("foreign-tls-secret-with-target-name", c => Objects.Secret(c.Namespace, $"tcp-{c.Generator}",
            new JsonObject { ["tls.crt"] = TenantPki.B64("crt"), ["tls.key"] = TenantPki.B64("key") }, "kubernetes.io/tls")),
        Foreign("foreign-secret-labelled-for-another-tcp", c => Objects.Secret(c.Namespace, $"tcp-{c.Generator}", new JsonObject { ["value"] = TenantPki.B64("x") },
            labels: Objects.Labels(("kamaji.clastix.io/managed-by", c.Generator), ("kamaji.clastix.io/managed-for", "other")))),
        ControlledByConfigMap(),
    ];

    /// <summary>A generator named like a Kamaji Secret suffix: its target is Kamaji's own Secret, which must stay untouched.</summary>
    private static BadInputCase KamajiCollision(string name, string generator) => new()
    {
        Name = name,
        Source = "10 names",
        SetupAsync = async c =>
        {
            c.Generator = generator;
            await c.NamespaceAsync();
            await c.KamajiTenantAsync();
            foreach (var secret in await c.Admin.ListAsync(Objects.SecretsPath(c.Namespace)))
            {
                c.World.Expect.Foreign(secret);
            }
            c.Resource = c.Tenant();
            c.Outcome("tcp", PairOutcome.Error);
            await c.GeneratorAsync(c.GeneratorBody());
        },
    };

    private static BadInputCase Foreign(string name, Func<CaseContext, JsonObject> secret) => new()
    {
        Name = name,
        Source = "10 names",
        SetupAsync = async c =>
        {
            await c.NamespaceAsync();
            await c.KamajiTenantAsync();
            c.World.Expect.Foreign(await c.Admin.CreateAsync(Objects.SecretsPath(c.Namespace), secret(c)));
            c.Resource = c.Tenant();
            c.Outcome("tcp", PairOutcome.Error);
            await c.GeneratorAsync(c.GeneratorBody());
        },
    };

    /// <summary>Labelled managed-by this generator, for a TCP that does not exist, controlled by a ConfigMap: never pruned (issue 14).</summary>
    private static BadInputCase ControlledByConfigMap() => new()
    {
        Name = "managed-by-secret-controlled-by-configmap",
        Source = "14 prune",
        Accept = Signal.Valid | Signal.Error,
        SetupAsync = async c =>
        {
            await c.NamespaceAsync();
            await c.KamajiTenantAsync();
            var owner = await c.Admin.CreateAsync($"/api/v1/namespaces/{c.Namespace}/configmaps",
                new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = new JsonObject { ["name"] = "owner", ["namespace"] = c.Namespace } });
            var look = Objects.Secret(c.Namespace, $"ghost-{c.Generator}", new JsonObject { ["value"] = TenantPki.B64("another controller's") },
                labels: Objects.Labels(("kamaji.clastix.io/managed-by", c.Generator), ("kamaji.clastix.io/managed-for", "ghost")),
                owners: new JsonArray(new JsonObject
                {
                    ["apiVersion"] = "v1",
                    ["kind"] = "ConfigMap",
                    ["name"] = "owner",
                    ["uid"] = owner["metadata"]!["uid"]!.GetValue<string>(),
                    ["controller"] = true,
                }));
            c.World.Expect.Foreign(await c.Admin.CreateAsync(Objects.SecretsPath(c.Namespace), look));
            c.World.Expect.NotOurs(c.Namespace, $"ghost-{c.Generator}");
            c.World.Expect.TolerateError(c.Generator, $"{c.Namespace}/ghost");
            c.World.Expect.TolerateError(c.Generator, $"{c.Namespace}/ghost-{c.Generator}");
            c.Resource = $"{c.Tenant("ghost")}|{c.Namespace}/ghost-{c.Generator}";
            await c.GeneratorAsync(c.GeneratorBody());
        },
    };
}
