using System.Text.Json.Nodes;
using KamajiKubeconfig.Chaos.Checks;
using KamajiKubeconfig.Chaos.Fixtures;
using KamajiKubeconfig.Chaos.Infrastructure;

namespace KamajiKubeconfig.Chaos.BadInputs;

/// <summary>
/// CA Secrets of every shape (issues 10, 14, 15): the key encodings Kamaji may write work; encrypted or mismatched keys,
/// certificates that are not CAs (CA:FALSE or no keyCertSign), expired CAs and unreadable data are status errors of that
/// tenant alone, while the generator's healthy tenants still get their kubeconfigs.
/// </summary>
public static class CaCases
{
    public static IEnumerable<BadInputCase> All() =>
    [
        Works("ca-rsa-pkcs1-key", CaKind.RsaPkcs1),
        Works("ca-rsa-pkcs8-key", CaKind.RsaPkcs8),
        Works("ca-ec-sec1-key", CaKind.EcSec1),
        Works("ca-ec-pkcs8-key", CaKind.EcPkcs8),
        Works("ca-expiring-within-the-hour", CaKind.ExpiringWithinTheHour),
        Refused("ca-encrypted-key", CaKind.EncryptedPkcs8, "10 CA"),
        Refused("ca-key-not-matching", CaKind.KeyNotMatching, "10 CA"),
        Refused("ca-not-a-ca-ca-false", CaKind.NotACa, "14/15 CA:FALSE"),
        Refused("ca-without-keycertsign", CaKind.CaWithoutKeyCertSign, "14/15 CA:FALSE"),
        Refused("ca-expired-among-healthy-tenants", CaKind.Expired, "14 one bad tenant"),
        Garbled("ca-key-missing", ca => new JsonObject { ["ca.crt"] = TenantPki.B64(ca.CertificatePem) }),
        Garbled("ca-certificate-garbage", ca => new JsonObject { ["ca.crt"] = TenantPki.B64("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"), ["ca.key"] = TenantPki.B64(ca.KeyPem) }),
    ];

    private static BadInputCase Works(string name, CaKind kind) => new()
    {
        Name = name,
        Source = "10 CA",
        Accept = Signal.Valid,
        SetupAsync = async c =>
        {
            await c.NamespaceAsync();
            await c.ManualTenantAsync(kind: kind);
            c.Resource = c.Tenant();
            await c.GeneratorAsync(c.GeneratorBody());
        },
    };

    /// <summary>The bad tenant next to two healthy Kamaji tenants of the same generator.</summary>
    private static BadInputCase Refused(string name, CaKind kind, string source) => new()
    {
        Name = name,
        Source = source,
        SetupAsync = async c =>
        {
            await c.NamespaceAsync();
            await c.KamajiTenantAsync("good0");
            await c.KamajiTenantAsync("good1");
            await c.ManualTenantAsync(kind: kind);
            c.Resource = c.Tenant();
            c.Outcome("tcp", PairOutcome.Error);
            await c.GeneratorAsync(c.GeneratorBody());
        },
    };

    private static BadInputCase Garbled(string name, Func<TenantPki.Ca, JsonObject> data) => new()
    {
        Name = name,
        Source = "10 CA",
        SetupAsync = async c =>
        {
            await c.NamespaceAsync();
            var ca = TenantPki.Create(CaKind.RsaPkcs1);
            await ManualTenant.CreateSecretsAsync(c.Admin, c.Namespace, "tcp", ca, "tcp-admin-kubeconfig", "tcp-ca-good");
            await c.Admin.CreateAsync(Objects.SecretsPath(c.Namespace), Objects.Secret(c.Namespace, "tcp-ca", data(ca), labels: ManualTenant.KamajiLabels("tcp", "ca")));
            await ManualTenant.CreateTenantAsync(c.Admin, c.Namespace, "tcp", "tcp-admin-kubeconfig", "tcp-ca");
            c.Resource = c.Tenant();
            c.Outcome("tcp", PairOutcome.Error);
            await c.GeneratorAsync(c.GeneratorBody());
        },
    };
}
