using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using KamajiKubeconfig.Controller.Cluster;
using KamajiKubeconfig.Controller.Mapping;
using KamajiKubeconfig.Controller.Triggers;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Tests.Triggers;

/// <summary>
/// The caches as triggers see them, as plain lists, plus factories for the objects that change. Tests put the state
/// after the change here (informers write the cache before calling handlers), then hand <c>(old, new)</c> to the
/// triggers.
/// </summary>
public sealed class TriggerWorld : ITriggerView
{
    private readonly Dictionary<string, Generator> _generators = [];
    private readonly Dictionary<string, NamespaceInfo> _namespaces = [];
    private readonly Dictionary<ObjectRef, TenantControlPlane> _tcps = [];

    public GeneratorTriggers Triggers => new(this);

    public IEnumerable<Generator> Generators => _generators.Values;

    public TriggerWorld Put(Generator generator)
    {
        _generators[generator.Name] = generator;
        return this;
    }

    public TriggerWorld Put(NamespaceInfo ns)
    {
        _namespaces[ns.Name] = ns;
        return this;
    }

    public TriggerWorld Put(TenantControlPlane tcp)
    {
        _tcps[tcp.Ref] = tcp;
        return this;
    }

    public TriggerWorld RemoveNamespace(string name)
    {
        _namespaces.Remove(name);
        return this;
    }

    public TriggerWorld RemoveTenant(TenantControlPlane tcp)
    {
        _tcps.Remove(tcp.Ref);
        return this;
    }

    public SortedMap? NamespaceLabels(string @namespace) => _namespaces.GetValueOrDefault(@namespace)?.Labels;

    public bool HasTenantControlPlanes(string @namespace) => _tcps.Keys.Any(k => k.Namespace == @namespace);

    public IEnumerable<TenantControlPlane> TenantControlPlanesUsingSecret(ObjectRef secret) =>
        _tcps.Values.Where(t => SecretReferenceIndex.ValuesOf(t).Contains(SecretReferenceIndex.ValueOf(secret)));

    public static NamespaceInfo Namespace(string name, params (string Key, string Value)[] labels) =>
        new(name, SortedMap.Of([("kubernetes.io/metadata.name", name), .. labels]));

    /// <summary>
    /// A ready TCP: status names <c>&lt;name&gt;-admin-kubeconfig</c> and <c>&lt;name&gt;-ca</c>. <paramref name="edit"/>
    /// changes the document (labels, annotations, status...) before the record is projected from it, as the mapper would.
    /// </summary>
    public static TenantControlPlane Tenant(string ns, string name, (string Key, string Value)[]? labels = null, Action<JsonObject>? edit = null)
    {
        var document = new JsonObject
        {
            ["apiVersion"] = WellKnown.ApiVersion,
            ["kind"] = WellKnown.TenantControlPlaneKind,
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = ns,
                ["uid"] = $"uid-{ns}-{name}",
                ["resourceVersion"] = "1",
                ["labels"] = new JsonObject((labels ?? []).Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value))),
                ["annotations"] = new JsonObject(),
            },
            ["spec"] = new JsonObject { ["dataStore"] = "default", ["networkProfile"] = new JsonObject { ["port"] = 6443 } },
            ["status"] = new JsonObject
            {
                ["kubeconfig"] = new JsonObject { ["admin"] = new JsonObject { ["secretName"] = $"{name}-admin-kubeconfig" } },
                ["certificates"] = new JsonObject { ["ca"] = new JsonObject { ["secretName"] = $"{name}-ca" } },
                ["kubernetesResources"] = new JsonObject { ["version"] = new JsonObject { ["status"] = "Ready" } },
            },
        };
        edit?.Invoke(document);
        return Project(document);
    }

    /// <summary>The same TCP after an edit of its document, as the next watch event would bring it.</summary>
    public static TenantControlPlane Edited(TenantControlPlane tcp, Action<JsonObject> edit)
    {
        var document = JsonNode.Parse(tcp.Document.GetRawText())!.AsObject();
        var metadata = document["metadata"]!.AsObject();
        var version = int.Parse(metadata["resourceVersion"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        metadata["resourceVersion"] = (version + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        edit(document);
        return Project(document);
    }

    public static SecretInfo Secret(string ns, string name, string resourceVersion, params (string Key, string Value)[] labels) =>
        new(ns, name, resourceVersion, SortedMap.Of(labels), SortedMap.Empty, EquatableList<OwnerReference>.Empty,
            ImmutableDictionary<string, byte[]>.Empty.Add(WellKnown.ValueKey, "kubeconfig"u8.ToArray()));

    // The production mapper, so the records here are exactly what the TCP informer will store.
    private static TenantControlPlane Project(JsonObject document)
    {
        using var parsed = JsonDocument.Parse(document.ToJsonString());
        return TenantControlPlaneMapper.FromJson(parsed.RootElement);
    }
}
