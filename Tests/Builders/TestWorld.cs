using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KamajiKubeconfig.Controller.Issuing;
using KamajiKubeconfig.Controller.Workers;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Tests.Builders;

/// <summary>
/// A small mutable cluster for reconcile tests: namespaces, TCPs with the Secrets Kamaji would write, and
/// generated Secrets. <see cref="Apply"/> plays the applier's part so tests can run pass after pass.
/// </summary>
public sealed class TestWorld
{
    private readonly Dictionary<string, NamespaceInfo> _namespaces = [];
    private readonly Dictionary<ObjectRef, TenantControlPlane> _tcps = [];
    private readonly Dictionary<ObjectRef, SecretInfo> _secrets = [];
    private int _resourceVersion;

    public CertificateIssuer Issuer { get; } = new(FixedKeySource.Shared);

    private readonly BoundedValidityMemo _memo = new(10_000);

    public TestWorld Namespace(string name, params (string Key, string Value)[] labels)
    {
        _namespaces[name] = new NamespaceInfo(name, SortedMap.Of([("kubernetes.io/metadata.name", name), .. labels]));
        return this;
    }

    /// <summary>A TCP as Kamaji leaves it once ready: status names its admin kubeconfig and CA Secrets, both present.</summary>
    public TestWorld Tenant(string ns, string name, TestCa? ca = null, (string Key, string Value)[]? labels = null,
        Action<JsonObject>? edit = null, string server = "https://203.0.113.10:6443")
    {
        if (!_namespaces.ContainsKey(ns))
        {
            Namespace(ns);
        }
        ca ??= TestPki.Ca();
        var document = new JsonObject
        {
            ["apiVersion"] = WellKnown.ApiVersion,
            ["kind"] = WellKnown.TenantControlPlaneKind,
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = ns,
                ["uid"] = $"uid-{ns}-{name}",
                ["labels"] = new JsonObject((labels ?? []).Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value))),
            },
            ["spec"] = new JsonObject { ["networkProfile"] = new JsonObject { ["port"] = 6443 } },
            ["status"] = new JsonObject
            {
                ["kubeconfig"] = new JsonObject { ["admin"] = new JsonObject { ["secretName"] = $"{name}-admin-kubeconfig" } },
                ["certificates"] = new JsonObject { ["ca"] = new JsonObject { ["secretName"] = $"{name}-ca" } },
            },
        };
        edit?.Invoke(document);
        PutTenant(document);
        PutCa(ns, name, ca);
        PutAdminKubeconfig(ns, name, ca, server);
        return this;
    }

    public void PutTenant(JsonObject document)
    {
        var element = JsonDocument.Parse(document.ToJsonString()).RootElement.Clone();
        var metadata = element.GetProperty("metadata");
        var ns = metadata.GetProperty("namespace").GetString()!;
        var name = metadata.GetProperty("name").GetString()!;
        _tcps[new ObjectRef(ns, name)] = new TenantControlPlane(ns, name, metadata.GetProperty("uid").GetString()!,
            Map(metadata, "labels"), Map(metadata, "annotations"),
            Text(element, "status", "kubeconfig", "admin", "secretName"), Text(element, "status", "certificates", "ca", "secretName"),
            Encoding.UTF8.GetBytes(element.GetRawText()));
    }

    public TenantControlPlane GetTenant(string ns, string name) => _tcps[new ObjectRef(ns, name)];

    public void RemoveTenant(string ns, string name) => _tcps.Remove(new ObjectRef(ns, name));

    public void PutCa(string ns, string tcp, TestCa ca) => Put(new SecretInfo(ns, $"{tcp}-ca", "", SortedMap.Of(
        (WellKnown.ComponentLabel, "ca")), SortedMap.Empty, EquatableList<OwnerReference>.Empty,
        ImmutableDictionary<string, byte[]>.Empty.Add(WellKnown.CaCertificateKey, ca.CertificatePem).Add(WellKnown.CaPrivateKeyKey, ca.KeyPem)));

    public void PutAdminKubeconfig(string ns, string tcp, TestCa ca, string server)
    {
        string Config(string url) => $"""
            apiVersion: v1
            clusters:
            - cluster:
                certificate-authority-data: {ca.CertificateBase64}
                server: {url}
              name: {tcp}
            contexts:
            - context:
                cluster: {tcp}
                user: kubernetes-admin
              name: kubernetes-admin@{tcp}
            current-context: kubernetes-admin@{tcp}
            kind: Config
            preferences: {"{}"}
            users:
            - name: kubernetes-admin
              user:
                client-certificate-data: AAAA
                client-key-data: AAAA
            """;
        var svc = $"https://{tcp}.{ns}.svc:6443";
        Put(new SecretInfo(ns, $"{tcp}-admin-kubeconfig", "", SortedMap.Of((WellKnown.ComponentLabel, "admin-kubeconfig")), SortedMap.Empty,
            EquatableList<OwnerReference>.Empty, ImmutableDictionary<string, byte[]>.Empty
                .Add("admin.conf", Encoding.UTF8.GetBytes(Config(server)))
                .Add("admin.svc", Encoding.UTF8.GetBytes(Config(svc)))
                .Add("super-admin.conf", Encoding.UTF8.GetBytes(Config(server)))
                .Add("super-admin.svc", Encoding.UTF8.GetBytes(Config(svc)))));
    }

    /// <summary>Stores a Secret with a fresh resourceVersion, as the API server would.</summary>
    public void Put(SecretInfo secret) =>
        _secrets[secret.Ref] = secret with { ResourceVersion = (++_resourceVersion).ToString(System.Globalization.CultureInfo.InvariantCulture) };

    public SecretInfo? Secret(string ns, string name) => _secrets.GetValueOrDefault(new ObjectRef(ns, name));

    public void Remove(string ns, string name) => _secrets.Remove(new ObjectRef(ns, name));

    public void Edit(string ns, string name, Func<SecretInfo, SecretInfo> edit) => Put(edit(_secrets[new ObjectRef(ns, name)]));

    /// <summary>The world as the controller's caches hold it: generated Secrets without their value, read once.</summary>
    public ClusterSnapshot Snapshot() => new(_namespaces.Values, _tcps.Values,
        _secrets.Values.Select(s => s.Labels.ContainsKey(WellKnown.ManagedByLabel) ? s.WithoutValue(_memo) : s));

    public ReconcilePlan Reconcile(Generator generator, DateTimeOffset now, ReconcileOptions? options = null) =>
        Reconciler.Reconcile(generator, Snapshot(), now, options ?? ReconcileOptions.Default);

    /// <summary>Plays the applier: issues, applies (merging metadata like server-side apply) and deletes.</summary>
    public void Apply(ReconcilePlan plan)
    {
        foreach (var target in plan.Targets.Where(t => t.Secret is not null))
        {
            var existing = _secrets.GetValueOrDefault(target.SecretRef);
            // A repair planned from the cache carries no value: the applier reads it back, as here.
            var value = target.Action == TargetAction.Issue ? Issuer.Issue(target.Issue!, _secrets[target.Issue!.CaSecret].Get(WellKnown.CaPrivateKeyKey)).Kubeconfig!
                : target.Secret!.Value ?? existing!.Get(WellKnown.ValueKey)!;
            Put(new SecretInfo(target.SecretRef.Namespace, target.SecretRef.Name, "",
                SortedMap.From((existing?.Labels ?? SortedMap.Empty).Concat(target.Secret!.Labels).GroupBy(p => p.Key).Select(g => g.Last())),
                SortedMap.From((existing?.Annotations ?? SortedMap.Empty).Concat(target.Secret.Annotations).GroupBy(p => p.Key).Select(g => g.Last())),
                EquatableList.Of(target.Secret.Owner),
                (existing?.Data ?? ImmutableDictionary<string, byte[]>.Empty).SetItem(WellKnown.ValueKey, value)));
        }
        foreach (var deleted in plan.Deletes)
        {
            _secrets.Remove(deleted);
        }
    }

    public static string Kubeconfig(SecretInfo secret) => Encoding.UTF8.GetString(secret.Get(WellKnown.ValueKey)!);

    private static SortedMap Map(JsonElement metadata, string name) =>
        metadata.TryGetProperty(name, out var map) && map.ValueKind == JsonValueKind.Object
            ? SortedMap.From(map.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetString() ?? "")))
            : SortedMap.Empty;

    private static string? Text(JsonElement element, params string[] path)
    {
        foreach (var segment in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(segment, out element))
            {
                return null;
            }
        }
        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }
}
