using System.Collections.Immutable;
using System.Text;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Mapping;

/// <summary>
/// Trims Kamaji's Secrets before they are cached (docs/design.md, Caches): no CA or admin private key ever sits in
/// this process, and Kamaji's four admin kubeconfigs reduce to two shared templates (memory several-fold smaller).
/// </summary>
public static class KamajiSecretTrimmer
{
    public const string TemplateContext = "template";

    public static SecretInfo Trim(SecretInfo secret) => secret.Labels.GetValueOrDefault(WellKnown.ComponentLabel) switch
    {
        "ca" => secret with { Data = secret.Data.Where(p => p.Key is WellKnown.CaCertificateKey).ToImmutableDictionary() },
        "admin-kubeconfig" => secret with { Data = Templates(secret.Data) },
        _ => secret,
    };

    private static ImmutableDictionary<string, byte[]> Templates(ImmutableDictionary<string, byte[]> data)
    {
        // Equal templates share one array: the dictionary is keyed by content.
        var distinct = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        byte[] Shared(string template) =>
            distinct.TryGetValue(template, out var bytes) ? bytes : distinct[template] = Encoding.UTF8.GetBytes(template);
        return data.ToImmutableDictionary(p => p.Key, p => Template(p.Value) is { } template ? Shared(template) : p.Value, StringComparer.Ordinal);
    }

    /// <summary>Null when the value is kept as it is: unreadable content, so reconcile reports the same decode error it would have.</summary>
    private static string? Template(byte[] value) =>
        KubeconfigReader.TryRead(Encoding.UTF8.GetString(value), out _) is { } config && TemplateLoader.ChooseCluster(config) is { } cluster
            ? KubeconfigWriter.Write(new Kubeconfig(
                EquatableList.Of(cluster),
                EquatableList<KubeconfigUser>.Empty,
                EquatableList.Of(new KubeconfigContext(TemplateContext, cluster.Name, null)),
                TemplateContext))
            : null;
}
