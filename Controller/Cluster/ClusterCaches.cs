using System.Collections.Immutable;
using System.Text.Json;
using k8s;
using k8s.Models;
using KamajiKubeconfig.Controller.Mapping;
using KamajiKubeconfig.Informers;
using KamajiKubeconfig.Reconcile;
using Microsoft.Extensions.Logging;

namespace KamajiKubeconfig.Controller.Cluster;

/// <summary>
/// The controller's informers and their caches: all generators, all TCPs, all Namespaces, and only the Secrets it
/// needs (its own, by <c>managed-by</c>; Kamaji's admin kubeconfig and CA Secrets, by <c>component</c>).
/// Each object is mapped to our trimmed record before it is stored: no Secret's private key is kept (docs/design.md,
/// "Caches"); the validity memo spares reading back the kubeconfigs this process issued.
/// </summary>
public sealed class ClusterCaches
{
    public const string ManagedByIndex = "managed-by";
    public const string ManagedSecretsSelector = WellKnown.ManagedByLabel;
    public const string KamajiSecretsSelector = WellKnown.ComponentLabel + " in (admin-kubeconfig,ca)";

    public ClusterCaches(IKubernetes client, TimeProvider time, ILoggerFactory logging, IInformerMetrics metrics, IValidityMemo? memo = null)
        : this(
            KubernetesListWatches.ClusterCustomObjects(client, WellKnown.Group, WellKnown.Version, WellKnown.GeneratorPlural),
            KubernetesListWatches.NamespacedCustomObjects(client, WellKnown.Group, WellKnown.Version, WellKnown.TenantControlPlanePlural),
            KubernetesListWatches.Namespaces(client),
            KubernetesListWatches.Secrets(client, ManagedSecretsSelector),
            KubernetesListWatches.Secrets(client, KamajiSecretsSelector),
            time, Random.Shared, logging, metrics, memo)
    {
    }

    /// <summary>The same caches over any list/watch sources, with the informers' jitter from <paramref name="random"/> (tests script both).</summary>
    internal ClusterCaches(
        IListWatch<JsonElement> generators, IListWatch<JsonElement> tenantControlPlanes, IListWatch<V1Namespace> namespaces,
        IListWatch<V1Secret> managedSecrets, IListWatch<V1Secret> kamajiSecrets,
        TimeProvider time, Random random, ILoggerFactory logging, IInformerMetrics metrics, IValidityMemo? memo = null)
    {
        // Only TCPs are listed by namespace: the other caches keep no namespace index.
        _generators = new(new(g => ObjectKey.Cluster(g.Name), g => g.ResourceVersion), byNamespace: false);
        _tenantControlPlanes = new(new(t => new ObjectKey(t.Namespace, t.Name), t => t.ResourceVersion),
            new Dictionary<string, Func<TenantControlPlane, IEnumerable<string>>>
            {
                // "Which TCP names this Secret?": the authority for admin/CA Secret triggers.
                [SecretReferenceIndex.Name] = SecretReferenceIndex.ValuesOf,
            });
        _namespaces = new(new(n => ObjectKey.Cluster(n.Name), n => n.ResourceVersion), byNamespace: false);
        _managedSecrets = new(SecretAccessor, new Dictionary<string, Func<SecretInfo, IEnumerable<string>>>
        {
            [ManagedByIndex] = s => s.Labels.TryGetValue(WellKnown.ManagedByLabel, out var g) ? [g] : [],
        }, byNamespace: false);
        _kamajiSecrets = new(SecretAccessor, byNamespace: false);

        GeneratorInformer = new Informer<JsonElement, Generator>(
            generators,
            GeneratorMapper.FromJson, _generators, new InformerOptions { Name = "kubeconfiggenerators" }, time, random,
            logging.CreateLogger("informer.kubeconfiggenerators"), metrics);
        TenantControlPlaneInformer = new Informer<JsonElement, TenantControlPlane>(
            tenantControlPlanes,
            TenantControlPlaneMapper.FromJson, _tenantControlPlanes, new InformerOptions { Name = "tenantcontrolplanes" }, time, random,
            logging.CreateLogger("informer.tenantcontrolplanes"), metrics);
        NamespaceInformer = new Informer<V1Namespace, NamespaceInfo>(
            namespaces, CoreMapper.FromNamespace, _namespaces, new InformerOptions { Name = "namespaces" },
            time, random, logging.CreateLogger("informer.namespaces"), metrics);
        ManagedSecretInformer = new Informer<V1Secret, SecretInfo>(
            managedSecrets, s => CoreMapper.FromSecret(s).WithoutValue(memo ?? NoValidityMemo.Instance), _managedSecrets,
            new InformerOptions { Name = "secrets-generated" }, time, random, logging.CreateLogger("informer.secrets-generated"), metrics);
        KamajiSecretInformer = new Informer<V1Secret, SecretInfo>(
            kamajiSecrets, s => KamajiSecretTrimmer.Trim(CoreMapper.FromSecret(s), Volatile.Read(ref _templateKeys)), _kamajiSecrets,
            new InformerOptions { Name = "secrets-kamaji" }, time, random, logging.CreateLogger("informer.secrets-kamaji"), metrics);
        RecentWrites = new RecentWrites(r => _managedSecrets.Snapshot.Get(new ObjectKey(r.Namespace, r.Name))?.ResourceVersion);
        // Our own writes stand in for the cached Secret until the informer shows them (or anything newer).
        ManagedSecretInformer.AddHandler((o, n) => RecentWrites.Observed((n ?? o)!.Ref, n?.ResourceVersion));
    }

    private static ObjectAccessor<SecretInfo> SecretAccessor => new(s => new ObjectKey(s.Namespace, s.Name), s => s.ResourceVersion);

    // Each cache has one writer, its informer; everyone else gets the read-only interface.
    private readonly InformerCache<Generator> _generators;
    private readonly InformerCache<TenantControlPlane> _tenantControlPlanes;
    private readonly InformerCache<NamespaceInfo> _namespaces;
    private readonly InformerCache<SecretInfo> _managedSecrets;
    private readonly InformerCache<SecretInfo> _kamajiSecrets;

    // The admin kubeconfig keys the Kamaji Secret cache parses, each with the list that first parsed it.
    private readonly Dictionary<string, Lazy<Task>> _templateKeyReads = new(StringComparer.Ordinal);
    private ImmutableHashSet<string> _templateKeys = ImmutableHashSet.Create<string>(StringComparer.Ordinal);

    /// <summary>Secrets this process wrote that the managed-Secret cache has not delivered yet.</summary>
    public RecentWrites RecentWrites { get; }

    public ICacheReader<Generator> Generators => _generators.Snapshot;
    public ICacheReader<TenantControlPlane> TenantControlPlanes => _tenantControlPlanes.Snapshot;
    public ICacheReader<NamespaceInfo> Namespaces => _namespaces.Snapshot;
    public ICacheReader<SecretInfo> ManagedSecrets => _managedSecrets.Snapshot;
    public ICacheReader<SecretInfo> KamajiSecrets => _kamajiSecrets.Snapshot;

    public Informer<JsonElement, Generator> GeneratorInformer { get; }
    public Informer<JsonElement, TenantControlPlane> TenantControlPlaneInformer { get; }
    public Informer<V1Namespace, NamespaceInfo> NamespaceInformer { get; }
    public Informer<V1Secret, SecretInfo> ManagedSecretInformer { get; }
    public Informer<V1Secret, SecretInfo> KamajiSecretInformer { get; }

    public IReadOnlyList<IInformer> All =>
        [GeneratorInformer, TenantControlPlaneInformer, NamespaceInformer, ManagedSecretInformer, KamajiSecretInformer];

    /// <summary>
    /// Ready to serve: every cache synced, and none whose list/watch has failed without a break for longer than
    /// <paramref name="staleAfter"/> (a stuck informer serves a cache that silently ages).
    /// </summary>
    public bool IsFresh(DateTimeOffset now, TimeSpan staleAfter) =>
        All.All(i => i.HasSynced && (i.FailingSince is not { } since || now - since <= staleAfter));

    /// <summary>
    /// Runs every informer. Kamaji's Secrets are listed once the generators are, so that their first list already
    /// parses the admin kubeconfig keys the existing generators read.
    /// </summary>
    public IEnumerable<Task> RunAsync(CancellationToken cancellationToken) =>
        All.Select(i => i == KamajiSecretInformer ? RunKamajiSecretInformerAsync(cancellationToken) : i.RunAsync(cancellationToken));

    private async Task RunKamajiSecretInformerAsync(CancellationToken cancellationToken)
    {
        await GeneratorInformer.WaitForSyncAsync(cancellationToken);
        foreach (var generator in Generators.List())
        {
            _ = TemplatesReadAsync(generator.Spec.ControlPlaneEndpointFrom, CancellationToken.None);
        }
        await KamajiSecretInformer.RunAsync(cancellationToken);
    }

    /// <summary>
    /// Completes once the cached admin kubeconfig Secrets hold the templates of <paramref name="key"/>: at once when
    /// a list parsed it already, else after the relist its first asker starts (a generator reading a key no other
    /// generator read). A key stays parsed once asked for: dropping it would take another relist.
    /// </summary>
    public Task TemplatesReadAsync(string key, CancellationToken cancellationToken)
    {
        Lazy<Task> read;
        lock (_templateKeyReads)
        {
            if (!_templateKeyReads.TryGetValue(key, out read!))
            {
                // The key first, then the relist: every list the relist waits for parses it.
                Volatile.Write(ref _templateKeys, _templateKeys.Add(key));
                _templateKeyReads[key] = read = new(() => KamajiSecretInformer.RelistAsync(CancellationToken.None));
            }
        }
        return read.Value.WaitAsync(cancellationToken);
    }

    /// <summary>The CA Secrets the Kamaji Secret cache holds, read as they are enumerated.</summary>
    public IEnumerable<ObjectRef> CachedCaSecrets() =>
        KamajiSecrets.List().Where(s => s.Labels.GetValueOrDefault(WellKnown.ComponentLabel) == "ca").Select(s => s.Ref);

    public Task WaitForSyncAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(All.Select(i => i.WaitForSyncAsync(cancellationToken)));

    /// <summary>A consistent view for one pass: each cache read once, plus Secrets fetched directly.</summary>
    public CacheClusterView View(IReadOnlyDictionary<ObjectRef, SecretInfo>? fetched = null)
    {
        // Our writes first, then the caches: a write the informer delivers in between has its entry in the first and
        // is missing from the second, and stands in for it. The other order loses it (gone from the entries, not yet
        // in the cache snapshot), and the pass plans the Secret as missing.
        var recentWrites = RecentWrites.Snapshot();
        return new(
            _namespaces.Snapshot, _tenantControlPlanes.Snapshot, _managedSecrets.Snapshot, _kamajiSecrets.Snapshot,
            fetched ?? new Dictionary<ObjectRef, SecretInfo>(), recentWrites);
    }
}
