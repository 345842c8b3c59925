using System.Text.Json.Nodes;
using KamajiKubeconfig.Chaos.Checks;
using KamajiKubeconfig.Chaos.Infrastructure;

namespace KamajiKubeconfig.Chaos.Scenarios;

/// <summary>The usual starting points: tenants made ready by the Kamaji simulator, one generator over them, one replica.</summary>
public static class Arrange
{
    public const string Generator = "chaos";

    public static async Task<List<(string Namespace, string Name)>> TenantsAndGeneratorAsync(
        ChaosWorld world, string[] namespaces, int perNamespace, string algorithm = "ECDSA-P256", bool startController = true)
    {
        var tenants = await world.CreateTenantsAsync(namespaces, perNamespace);
        await world.CreateGeneratorAsync(Objects.Generator(Generator, namespaces, algorithm));
        if (startController)
        {
            await world.StartControllerAsync();
        }
        return tenants;
    }

    /// <summary>
    /// Adds TCPs to an existing namespace and waits until Kamaji (the simulator) readied them: a tenant that is not ready
    /// yet is a legitimate status error, so convergence is only measured once the world stopped changing.
    /// </summary>
    public static async Task<List<(string Namespace, string Name)>> MoreTenantsAsync(ChaosWorld world, string ns, string prefix, int count)
    {
        var tenants = new List<(string Namespace, string Name)>();
        for (var i = 0; i < count; i++)
        {
            await world.CreateTenantAsync(ns, $"{prefix}{i}");
            tenants.Add((ns, $"{prefix}{i}"));
        }
        await Poll.UntilAsync(() => world.TenantsReadyAsync(tenants), TimeSpan.FromSeconds(60));
        return tenants;
    }

    /// <summary>Waits until at least <paramref name="count"/> Secrets of the generator exist (an issuance is under way).</summary>
    public static async Task<int> WaitForSecretsAsync(ChaosWorld world, int count, TimeSpan deadline)
    {
        var seen = 0;
        await Poll.UntilAsync(async () =>
        {
            seen = (await world.Admin.ListAsync($"/api/v1/secrets?labelSelector=kamaji.clastix.io%2Fmanaged-by%3D{Generator}")).Count;
            return seen >= count;
        }, deadline, TimeSpan.FromMilliseconds(50));
        return seen;
    }

    /// <summary>
    /// Waits until the controller has started its first pass over the new generator (its finalizer patch, made before
    /// any key is generated), then a moment more: the pass is then generating RSA keys, before or while writing.
    /// </summary>
    public static async Task<bool> WaitForPassStartAsync(ChaosWorld world, long mark)
    {
        var started = await Poll.UntilAsync(async () => (await world.ControllerWritesSinceAsync(mark))
            .Any(w => w.Resource == "kubeconfiggenerators" && w.Subresource.Length == 0 && w.Verb == "patch"), TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(50));
        await Task.Delay(300);
        return started is not null;
    }

    public static async Task<int> CountSecretsAsync(ChaosWorld world) =>
        (await world.Admin.ListAsync($"/api/v1/secrets?labelSelector=kamaji.clastix.io%2Fmanaged-by%3D{Generator}")).Count;

    public static Task DeleteSecretAsync(ChaosWorld world, string ns, string name) => world.Admin.DeleteAsync(Objects.Secret(ns, name));

    public static Task PatchSecretAsync(ChaosWorld world, string ns, string name, JsonObject patch) => world.Admin.MergePatchAsync(Objects.Secret(ns, name), patch);

    public static string SecretName(string tcp) => $"{tcp}-{Generator}";

    /// <summary>
    /// Rotates tenant CAs through the Kamaji simulator and waits until each CA Secret holds a new certificate and each
    /// admin kubeconfig was rewritten (Kamaji's two writes), so convergence is measured against the new state.
    /// </summary>
    public static async Task RotateCasAsync(ChaosWorld world, ScenarioContext context, string ns, params string[] tcps)
    {
        var before = new Dictionary<string, (string? Ca, string? Admin)>();
        foreach (var tcp in tcps)
        {
            before[tcp] = (await CaCertificateAsync(world, ns, tcp), (await world.Admin.GetAsync(Objects.Secret(ns, $"{tcp}-admin-kubeconfig")))?["metadata"]?["resourceVersion"]?.ToString());
            await world.Control.RotateCaAsync(ns, tcp);
            context.Injected++;
        }
        var done = await Poll.UntilAsync(async () =>
        {
            foreach (var tcp in tcps)
            {
                var admin = (await world.Admin.GetAsync(Objects.Secret(ns, $"{tcp}-admin-kubeconfig")))?["metadata"]?["resourceVersion"]?.ToString();
                if (await CaCertificateAsync(world, ns, tcp) == before[tcp].Ca || admin == before[tcp].Admin)
                {
                    return false;
                }
            }
            return true;
        }, TimeSpan.FromSeconds(60));
        if (done is null)
        {
            context.Fail("harness", "the Kamaji simulator did not rotate the CAs within 60 s");
        }
    }

    private static async Task<string?> CaCertificateAsync(ChaosWorld world, string ns, string tcp) =>
        (await world.Admin.GetAsync(Objects.Secret(ns, $"{tcp}-ca")))?["data"]?["ca.crt"]?.ToString();

    /// <summary>The Lease as it is now (holder, duration, renew time), or null.</summary>
    public static Task<JsonObject?> LeaseAsync(ChaosWorld world) => world.Admin.GetAsync(ChaosWorld.LeasePath);

    public static string Key((string Namespace, string Name) tenant) => $"{tenant.Namespace}/{SecretName(tenant.Name)}";

    public static Identity Alice => Identity.Of("alice", ["ops"]);
}
