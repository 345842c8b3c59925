using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using KamajiKubeconfig.Chaos.Checks;
using KamajiKubeconfig.Chaos.Fixtures;
using KamajiKubeconfig.Chaos.Infrastructure;

namespace KamajiKubeconfig.Chaos.Tests;

/// <summary>
/// Test input for the oracle: a generated Secret written by hand exactly as docs/behaviour.md A3 describes it, with knobs
/// to break one thing at a time (issuer, subject, usages, dates, user entry, labels, annotations).
/// </summary>
internal sealed record IssuedKubeconfig
{
    public const string Generator = "gen";
    public const string TcpUid = "0b9c1f52-2c0f-4d0e-9a55-5f1c8e9e0001";

    public TenantPki.Ca Ca { get; init; } = TenantPki.Create(CaKind.EcSec1);
    public TenantPki.Ca? SignedBy { get; init; }
    public X500DistinguishedName Subject { get; init; } = new("O=ops, CN=alice");
    public string Usage { get; init; } = "1.3.6.1.5.5.7.3.2";
    public TimeSpan Validity { get; init; } = TimeSpan.FromDays(365);
    public string UserExtra { get; init; } = "";
    public string? ManagedFor { get; init; } = "tcp";
    public string? Rotate { get; init; }

    public static string Server => "https://tcp.ns.example:6443";

    public static JsonObject Tcp => new() { ["metadata"] = new JsonObject { ["name"] = "tcp", ["namespace"] = "ns", ["uid"] = TcpUid } };

    public TenantInputs Inputs => new(null, Ca.CertificatePem, Ca.Certificate,
        TenantInputs.ReadTemplateCluster(TenantPki.AdminKubeconfig(Ca, Server), out _));

    public KubeconfigOracle.Expected Expected => new(Generator, Tcp, Inputs, Identity.Of("alice", ["ops"]), "ECDSA-P256", TimeSpan.FromHours(24));

    public JsonObject Secret()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(Subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(Usage)], false));
        var issuer = SignedBy ?? Ca;
        var generator = issuer.Key is RSA rsa ? X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1) : X509SignatureGenerator.CreateForECDsa((ECDsa)issuer.Key);
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.Create(issuer.Certificate.SubjectName, generator, now.AddMinutes(-5), now + Validity, RandomNumberGenerator.GetBytes(8));
        var template = Inputs.TemplateCluster!;
        var value = $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: {template["name"]}
              cluster:
                certificate-authority-data: {template["cluster"]!["certificate-authority-data"]}
                server: {Server}
            contexts:
            - name: {Generator}
              context:
                cluster: {template["name"]}
                user: {Generator}
            current-context: {Generator}
            users:
            - name: {Generator}
              user:
                client-certificate-data: {TenantPki.B64(certificate.ExportCertificatePem())}
                client-key-data: {TenantPki.B64(key.ExportECPrivateKeyPem())}
            {UserExtra}
            """;
        var labels = Objects.Labels(("kamaji.clastix.io/managed-by", Generator), ("kamaji.clastix.io/certificate_lifecycle_controller", "kubeconfig"));
        if (ManagedFor is not null)
        {
            labels["kamaji.clastix.io/managed-for"] = ManagedFor;
        }
        var owner = new JsonObject
        {
            ["apiVersion"] = "kamaji.clastix.io/v1alpha1",
            ["kind"] = "TenantControlPlane",
            ["name"] = "tcp",
            ["uid"] = TcpUid,
            ["controller"] = true,
            ["blockOwnerDeletion"] = true,
        };
        var secret = Objects.Secret("ns", $"tcp-{Generator}", new JsonObject { ["value"] = TenantPki.B64(value) }, labels: labels, owners: new JsonArray(owner));
        if (Rotate is not null)
        {
            secret["metadata"]!["annotations"] = new JsonObject { ["certs.kamaji.clastix.io/rotate"] = Rotate };
        }
        return secret;
    }
}
