using System.Collections.Immutable;
using System.Text;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Mapping;

/// <summary>
/// Trims Kamaji's Secrets before they are cached: a CA Secret keeps <c>ca.crt</c> and <c>ca.key</c> (its
/// <c>tls.*</c> copies go), an admin kubeconfig Secret keeps each kubeconfig without its users. Memory at
/// 10,000 tenants drops several-fold, and Kamaji's admin private keys never sit in this process.
/// </summary>
public static class KamajiSecretTrimmer
{
    public static SecretInfo Trim(SecretInfo secret) => secret.Labels.GetValueOrDefault(WellKnown.ComponentLabel) switch
    {
        "ca" => secret with { Data = secret.Data.Where(p => p.Key is WellKnown.CaCertificateKey or WellKnown.CaPrivateKeyKey).ToImmutableDictionary() },
        "admin-kubeconfig" => secret with { Data = secret.Data.ToImmutableDictionary(p => p.Key, p => WithoutUsers(p.Value)) },
        _ => secret,
    };

    private static byte[] WithoutUsers(byte[] value)
    {
        var config = KubeconfigReader.TryRead(Encoding.UTF8.GetString(value), out _);
        // Unreadable content is kept as it is, so reconcile reports the same decode error it would have.
        return config is null || config.Clusters.Count == 0 ? value : Encoding.UTF8.GetBytes(KubeconfigWriter.WriteTemplate(config));
    }
}
