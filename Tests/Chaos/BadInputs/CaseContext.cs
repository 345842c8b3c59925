using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using KamajiKubeconfig.Chaos.Checks;
using KamajiKubeconfig.Chaos.Fixtures;
using KamajiKubeconfig.Chaos.Infrastructure;

namespace KamajiKubeconfig.Chaos.BadInputs;

/// <summary>
/// A bad-input case's own corner of the shared world: its namespace(s) and generator(s), the resource whose error is
/// awaited, an admission rejection if one happened, and helpers to build tenants the usual ways.
/// </summary>
public sealed class CaseContext(ChaosWorld world, int index)
{
    public ChaosWorld World => world;

    public ApiClient Admin => world.Admin;

    /// <summary>The case's primary namespace and generator (unique per case).</summary>
    public string Namespace { get; } = string.Create(CultureInfo.InvariantCulture, $"bad{index:000}");

    public string Generator { get; set; } = string.Create(CultureInfo.InvariantCulture, $"bad{index:000}");

    public List<string> Namespaces { get; } = [];

    public List<string> Generators { get; } = [];

    /// <summary>The status error resource that ends the case: "ns/tcp" of the bad tenant, or "spec." for spec errors.</summary>
    public string Resource { get; set; } = "";

    public string? AdmissionMessage { get; private set; }

    /// <summary>The status error seen on the previous look (an error must persist to end a case that may also succeed).</summary>
    public string? SeenError { get; set; }

    public List<Violation> Violations { get; } = [];

    public string Tenant(string tcp = "tcp") => $"{Namespace}/{tcp}";

    public async Task<string> NamespaceAsync(string? name = null, params (string Key, string Value)[] labels)
    {
        var ns = name ?? Namespace;
        await world.CreateNamespaceAsync(ns, labels);
        Namespaces.Add(ns);
        return ns;
    }

    /// <summary>A TCP the Kamaji simulator readies (CA and admin kubeconfig Secrets, status), waited for.</summary>
    public async Task KamajiTenantAsync(string name = "tcp", JsonObject? labels = null, JsonObject? annotations = null, JsonObject? spec = null, string? ns = null)
    {
        var inNamespace = ns ?? Namespace;
        await world.CreateTenantAsync(inNamespace, name, labels, annotations, spec);
        if (await Poll.UntilAsync(() => world.TenantsReadyAsync([(inNamespace, name)]), TimeSpan.FromSeconds(30)) is null)
        {
            throw new InvalidOperationException($"the Kamaji simulator did not ready {inNamespace}/{name}");
        }
    }

    /// <summary>The usual generator of a case: over its namespace, alice/ops, admin.conf, ECDSA-P256.</summary>
    public JsonObject GeneratorBody(JsonObject? user = null, JsonArray? groups = null) => Objects.Generator(Generator, [Namespace], "ECDSA-P256", user, groups);

    /// <summary>Creates a generator; a rejection is recorded as the case's admission outcome. True when it was created.</summary>
    public async Task<bool> GeneratorAsync(JsonObject generator)
    {
        var name = generator["metadata"]!["name"]!.GetValue<string>();
        var (code, body) = await world.Admin.TryCreateAsync(Objects.GeneratorsPath, generator);
        if ((int)code is >= 200 and < 300)
        {
            Generators.Add(name);
            return true;
        }
        if (code is HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest)
        {
            AdmissionMessage = (body as JsonObject)?["message"]?.ToString() ?? body?.ToJsonString() ?? code.ToString();
            return false;
        }
        throw new ApiException(code, $"creating generator {name}: {body?.ToJsonString()}");
    }

    /// <summary>A TCP with its own CA and admin kubeconfig Secrets written by the harness (Kamaji's simulator stays away).</summary>
    public Task<TenantPki.Ca> ManualTenantAsync(string tcp = "tcp", CaKind kind = CaKind.RsaPkcs1, JsonObject? spec = null) =>
        ManualTenant.CreateHealthyAsync(world.Admin, Namespace, tcp, kind, spec: spec);

    public void Outcome(string tcp, PairOutcome outcome) => world.Expect.Outcome(Generator, Tenant(tcp), outcome);

    public void Identity(string tcp, Identity identity) => world.Expect.Identity(Generator, Tenant(tcp), identity);

    public void Fail(string what) => Violations.Add(new Violation(Namespace, what));

    public InvariantChecker.Scope Scope => new(Generators.ToHashSet(StringComparer.Ordinal), Namespaces.ToHashSet(StringComparer.Ordinal));
}
