using KamajiKubeconfig.Chaos.Checks;
using KamajiKubeconfig.Chaos.Infrastructure;

namespace KamajiKubeconfig.Chaos.BadInputs;

/// <summary>
/// Healthy tenants of a healthy generator living next to every bad input: their Secrets must stay valid and untouched
/// (same resourceVersion) and their generator's status unchanged, whatever the bad inputs do.
/// </summary>
public sealed class Canary(ChaosWorld world)
{
    public const string Name = "canary";
    private Dictionary<string, string> _versions = [];
    private string _status = "";

    private static InvariantChecker.Scope Scope => new(new HashSet<string> { Name }, new HashSet<string> { Name });

    public async Task SetupAsync()
    {
        await world.CreateTenantsAsync([Name], 2);
        await world.CreateGeneratorAsync(Objects.Generator(Name, [Name]));
    }

    /// <summary>Waits until the canary is valid, then remembers it as it is.</summary>
    public async Task<List<Violation>> SnapshotAsync()
    {
        var (ready, last) = await world.ConvergeAsync(TimeSpan.FromSeconds(60), Scope);
        if (ready is null)
        {
            return last;
        }
        _versions = await VersionsAsync();
        _status = (await world.Admin.GetAsync(Objects.Generator(Name)))?["status"]?.ToJsonString() ?? "";
        return [];
    }

    public async Task<List<Violation>> CheckAsync()
    {
        var violations = await world.CheckClusterAsync(Scope);
        var now = await VersionsAsync();
        foreach (var (secret, version) in _versions)
        {
            if (now.GetValueOrDefault(secret) != version)
            {
                violations.Add(new Violation($"canary {secret}", "a healthy tenant's Secret was rewritten or deleted"));
            }
        }
        var status = (await world.Admin.GetAsync(Objects.Generator(Name)))?["status"]?.ToJsonString() ?? "";
        if (status != _status)
        {
            violations.Add(new Violation("canary generator", "the healthy generator's status changed"));
        }
        return violations;
    }

    private async Task<Dictionary<string, string>> VersionsAsync() =>
        (await world.Admin.ListAsync($"/api/v1/namespaces/{Name}/secrets?labelSelector=kamaji.clastix.io%2Fmanaged-by"))
            .ToDictionary(Expectations.Key, s => s["metadata"]!["resourceVersion"]!.GetValue<string>(), StringComparer.Ordinal);
}
