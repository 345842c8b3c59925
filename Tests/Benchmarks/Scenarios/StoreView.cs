using System.Text;
using System.Text.Json;
using k8s;
using k8s.Models;
using KamajiKubeconfig.Benchmarks.Harness;
using KamajiKubeconfig.Controller.Mapping;
using KamajiKubeconfig.Reconcile;
using KamajiKubeconfig.Sandbox.Kamaji;
using KamajiKubeconfig.Tests.Builders;

namespace KamajiKubeconfig.Benchmarks.Scenarios;

/// <summary>
/// The sandbox's objects as the controller's caches hold them (the product's own mappers and Kamaji Secret
/// trimmer), as a plain <see cref="IClusterView"/>: the input of the in-process floor and naive pass.
/// </summary>
public static class StoreView
{
    private const string GeneratorsKey = "kamaji.clastix.io/kubeconfiggenerators";

    /// <param name="sandbox">The sandbox whose store is read.</param>
    /// <param name="withGenerated">Include the generated Secrets (a steady-state view) or leave them out (a first pass).</param>
    public static ClusterSnapshot Build(BenchSandbox sandbox, bool withGenerated)
    {
        var store = sandbox.Server.Context.Store;
        var namespaces = store.List("/namespaces", null).Items
            .Select(n => CoreMapper.FromNamespace(KubernetesJson.Deserialize<V1Namespace>(Encoding.UTF8.GetString(n.Json))));
        var tenants = store.List(KamajiSimulator.TcpStorageKey, null).Items.Select(t =>
        {
            using var document = JsonDocument.Parse(t.Json);
            return TenantControlPlaneMapper.FromJson(document.RootElement);
        });
        // As the controller's cache holds them: parsed for the admin kubeconfig keys the generators read.
        var keys = store.List(GeneratorsKey, null).Items.Select(g =>
        {
            using var document = JsonDocument.Parse(g.Json);
            return GeneratorMapper.FromJson(document.RootElement).Spec.ControlPlaneEndpointFrom;
        }).ToHashSet();
        var secrets = store.List("/secrets", null).Items
            .Where(s => s.Labels.ContainsKey(WellKnown.ComponentLabel) || (withGenerated && s.Labels.ContainsKey(WellKnown.ManagedByLabel)))
            .Select(s => CoreMapper.FromSecret(KubernetesJson.Deserialize<V1Secret>(Encoding.UTF8.GetString(s.Json))))
            .Select(s => s.Labels.ContainsKey(WellKnown.ManagedByLabel) ? s : KamajiSecretTrimmer.Trim(s, keys));
        return new ClusterSnapshot(namespaces, tenants.ToList(), secrets.ToList());
    }

    /// <summary>The <c>ca.key</c> of a CA Secret as the issuer reads it from the API server (the caches do not hold it).</summary>
    public static byte[]? CaKey(BenchSandbox sandbox, ObjectRef caSecret)
    {
        var stored = sandbox.Server.Context.Store.Get("/secrets", caSecret.Namespace, caSecret.Name) ?? throw new BenchException($"no CA Secret {caSecret}");
        return CoreMapper.FromSecret(KubernetesJson.Deserialize<V1Secret>(Encoding.UTF8.GetString(stored.Json))).Get(WellKnown.CaPrivateKeyKey);
    }

    public static Generator Generator(BenchSandbox sandbox, string name)
    {
        var stored = sandbox.Server.Context.Store.Get(GeneratorsKey, "", name) ?? throw new BenchException($"no generator {name}");
        using var document = JsonDocument.Parse(stored.Json);
        return GeneratorMapper.FromJson(document.RootElement);
    }
}
