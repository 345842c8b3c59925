using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using KamajiKubeconfig.Sandbox.Api;
using KamajiKubeconfig.Sandbox.Controllers;
using KamajiKubeconfig.Sandbox.Json;
using KamajiKubeconfig.Sandbox.Storage;
using KamajiKubeconfig.Sandbox.Tls;

namespace KamajiKubeconfig.Sandbox.Kamaji;

/// <summary>
/// Plays Kamaji's manager for TenantControlPlanes: creates `&lt;tcp&gt;-ca` and `&lt;tcp&gt;-admin-kubeconfig`, fills the TCP
/// status, rotates the CA on request (annotation <see cref="RotateAnnotation"/> or <see cref="RotateCa"/>), and makes the
/// sandbox accept client certificates signed by each TCP CA (CN = user, O = groups).
/// </summary>
public sealed class KamajiSimulator(SandboxContext context, TenantEndpoints endpoints)
{
    public const string TcpStorageKey = "kamaji.clastix.io/tenantcontrolplanes";
    public const string RotateAnnotation = "sandbox.kamaji.clastix.io/rotate-ca";

    /// <summary>A TCP with this annotation is left alone: a test writes its Secrets and status itself.</summary>
    public const string IgnoreAnnotation = "sandbox.kamaji.clastix.io/ignore";

    private readonly Channel<(string Namespace, string Name, bool Rotate)> _work = Channel.CreateUnbounded<(string, string, bool)>();
    private volatile bool _enabled;
    private int _outstanding;

    // Held while one TCP is processed, so that turning the simulator off waits for the TCP in hand: a test that turns
    // it off and then edits a TCP's status must not have its edit overwritten by a status write already under way.
    private readonly object _processing = new();
    private bool _busy;

    /// <summary>
    /// On: TCPs are processed (existing ones at once). Off: TCPs are left alone; the setter returns once the TCP being
    /// processed, if any, is done.
    /// </summary>
    public bool Enabled
    {
        get => _enabled;
        set
        {
            _enabled = value;
            if (!value)
            {
                lock (_processing)
                {
                    while (_busy)
                    {
                        Monitor.Wait(_processing);
                    }
                }
            }
            else
            {
                foreach (var tcp in context.Store.List(TcpStorageKey, null).Items)
                {
                    Enqueue((tcp.Namespace, tcp.Name, false));
                }
            }
        }
    }

    /// <summary>ECDSA P-256 CAs and keys instead of Kamaji's default RSA-2048 (faster).</summary>
    public bool UseEcdsa { get; set; }

    /// <summary>
    /// On (default): each TCP gets its own loopback HTTPS endpoint, serving the same API with a certificate signed by the
    /// TCP CA; `.conf` kubeconfigs and status.controlPlaneEndpoint point at it and carry exactly the TCP CA.
    /// Off: `.conf` points at the sandbox itself and certificate-authority-data is the TCP CA followed by the sandbox CA.
    /// </summary>
    public bool ServeTenantEndpoints { get; set; } = true;

    private readonly ConcurrentDictionary<string, string> _endpointCa = new(StringComparer.Ordinal);

    /// <summary>The last unexpected failure of a reconcile, if any (for diagnosis).</summary>
    public Exception? LastError { get; private set; }

    /// <summary>
    /// Nothing queued or in hand. Its own status writes queue each TCP once more, so "every TCP reconciled once" is not
    /// yet idle: a benchmark that starts the controller before this measures the simulator's leftover work as well.
    /// </summary>
    public bool Idle => Volatile.Read(ref _outstanding) == 0;

    private void Enqueue((string Namespace, string Name, bool Rotate) item)
    {
        Interlocked.Increment(ref _outstanding);
        _work.Writer.TryWrite(item);
    }

    /// <summary>Raised after a TCP has been processed (tests wait on it).</summary>
    public event Action<string, string>? Reconciled;

    public void Start()
    {
        context.Store.Changed += OnChanged;
        _ = Task.Run(WorkAsync, CancellationToken.None);
    }

    /// <summary>Replaces the CA of a TCP and rewrites its admin kubeconfigs.</summary>
    public void RotateCa(string ns, string name) => Enqueue((ns, name, true));

    private void OnChanged(StoreEvent e)
    {
        if (e.StorageKey != TcpStorageKey)
        {
            return;
        }
        if (e.Type == StoreEventType.Deleted)
        {
            var id = TrustId(e.Object.Namespace, e.Object.Name);
            context.Authenticator.DistrustClientCa(id);
            _endpointCa.TryRemove(id, out _);
            _ = endpoints.StopAsync(id);
            return;
        }
        if (_enabled)
        {
            Enqueue((e.Object.Namespace, e.Object.Name, false));
        }
    }

    private async Task WorkAsync()
    {
        try
        {
            await foreach (var item in _work.Reader.ReadAllAsync(context.Stopping))
            {
                lock (_processing)
                {
                    _busy = true;
                }
                try
                {
                    await ProcessAsync(item.Namespace, item.Name, item.Rotate);
                }
                finally
                {
                    Interlocked.Decrement(ref _outstanding);
                    lock (_processing)
                    {
                        _busy = false;
                        Monitor.PulseAll(_processing);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The sandbox stopped.
        }
    }

    private async Task ProcessAsync(string ns, string name, bool rotate)
    {
        try
        {
            if (_enabled || rotate)
            {
                await ReconcileAsync(ns, name, rotate);
            }
        }
        catch (StoreConflictException)
        {
            // Raced with another writer: try again.
            Enqueue((ns, name, rotate));
        }
        catch (Exception ex)
        {
            // Keep serving other TCPs; tests can read what went wrong.
            LastError = ex;
        }
    }

    private static string TrustId(string ns, string name) => $"tcp:{ns}/{name}";

    private async Task ReconcileAsync(string ns, string name, bool rotate)
    {
        var tcp = context.Store.Get(TcpStorageKey, ns, name);
        if (tcp is null || tcp.Object.GetString("metadata", "deletionTimestamp") is not null
            || tcp.Object.GetString("metadata", "annotations", IgnoreAnnotation) is not null)
        {
            return;
        }
        rotate |= tcp.Object.GetString("metadata", "annotations", RotateAnnotation) is not null;
        var owner = OwnerReference(tcp);
        var caName = $"{name}-ca";
        var existingCa = context.Store.Get("/secrets", ns, caName);
        using var ca = (rotate ? null : KamajiSecrets.ReadCa(existingCa?.Object["data"] as JsonObject))
            ?? KamajiCertificateAuthorities.Create(UseEcdsa, context.Clock.GetUtcNow());
        var caPem = ca.CertificatePem;
        var caKeyPem = KamajiSecrets.KeyPem((System.Security.Cryptography.AsymmetricAlgorithm?)ca.Certificate.GetRSAPrivateKey() ?? ca.Certificate.GetECDsaPrivateKey()!);
        var caData = KamajiSecrets.CaData(caPem, caKeyPem);
        if (existingCa is null || !JsonNode.DeepEquals(existingCa.Object["data"], caData))
        {
            Write(ns, caName, Labels(name, "ca", lifecycle: false), caData, owner);
        }
        context.Authenticator.TrustClientCa(TrustId(ns, name), System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(ca.Certificate.RawData));
        var kubeconfigName = $"{name}-admin-kubeconfig";
        var existingKubeconfig = context.Store.Get("/secrets", ns, kubeconfigName);
        var port = tcp.Object.Get("spec", "networkProfile", "port")?.GetValue<int>() ?? 6443;
        var confServer = context.BaseAddress.GetLeftPart(UriPartial.Authority);
        var confCa = caPem + "\n" + SandboxCaPem();
        var endpoint = $"{context.BaseAddress.Host}:{context.BaseAddress.Port}";
        if (ServeTenantEndpoints)
        {
            var tenantPort = await EnsureEndpointAsync(TrustId(ns, name), ca, caPem);
            confServer = string.Create(CultureInfo.InvariantCulture, $"https://127.0.0.1:{tenantPort}");
            confCa = caPem;
            endpoint = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{tenantPort}");
        }
        if (rotate || existingKubeconfig is null || !KubeconfigUsesCa(existingKubeconfig, confCa))
        {
            var ecdsa = ca.Certificate.GetECDsaPublicKey() is not null;
            var admin = KamajiSecrets.IssueClient(ca, "kubernetes-admin", "kubeadm:cluster-admins", ecdsa);
            var adminSvc = KamajiSecrets.IssueClient(ca, "kubernetes-admin", "kubeadm:cluster-admins", ecdsa);
            var super = KamajiSecrets.IssueClient(ca, "kubernetes-super-admin", "system:masters", ecdsa);
            var superSvc = KamajiSecrets.IssueClient(ca, "kubernetes-super-admin", "system:masters", ecdsa);
            var svcServer = string.Create(CultureInfo.InvariantCulture, $"https://{name}.{ns}.svc:{port}");
            var data = new JsonObject
            {
                ["admin.conf"] = KamajiSecrets.B64(KamajiSecrets.Kubeconfig(name, confServer, confCa, "kubernetes-admin", admin.CertificatePem, admin.KeyPem)),
                ["admin.svc"] = KamajiSecrets.B64(KamajiSecrets.Kubeconfig(name, svcServer, caPem, "kubernetes-admin", adminSvc.CertificatePem, adminSvc.KeyPem)),
                ["super-admin.conf"] = KamajiSecrets.B64(KamajiSecrets.Kubeconfig(name, confServer, confCa, "kubernetes-super-admin", super.CertificatePem, super.KeyPem)),
                ["super-admin.svc"] = KamajiSecrets.B64(KamajiSecrets.Kubeconfig(name, svcServer, caPem, "kubernetes-super-admin", superSvc.CertificatePem, superSvc.KeyPem)),
            };
            Write(ns, kubeconfigName, Labels(name, "admin-kubeconfig", lifecycle: true), data, owner);
        }
        UpdateTcp(ns, name, caName, kubeconfigName, endpoint);
        Reconciled?.Invoke(ns, name);
    }

    private string SandboxCaPem() => context.SandboxCaPem;

    /// <summary>The TCP's own endpoint, re-certified only when its CA changed.</summary>
    private async Task<int> EnsureEndpointAsync(string id, CertificateAuthority ca, string caPem)
    {
        if (_endpointCa.TryGetValue(id, out var current) && current == caPem)
        {
            return await endpoints.EnsureAsync(id, null, context.Stopping);
        }
        var port = await endpoints.EnsureAsync(id, ca.IssueServerCertificate(), context.Stopping);
        _endpointCa[id] = caPem;
        return port;
    }

    private static bool KubeconfigUsesCa(StoredObject secret, string caPem) =>
        KamajiSecrets.FromB64(secret.Object.GetString("data", "admin.conf")).Contains(KamajiSecrets.B64(caPem), StringComparison.Ordinal);

    private static JsonObject Labels(string tcp, string component, bool lifecycle)
    {
        var labels = new JsonObject
        {
            ["kamaji.clastix.io/project"] = "kamaji",
            ["kamaji.clastix.io/name"] = tcp,
            ["kamaji.clastix.io/component"] = component,
        };
        if (lifecycle)
        {
            labels["kamaji.clastix.io/certificate_lifecycle_controller"] = "kubeconfig";
        }
        return labels;
    }

    private static JsonObject OwnerReference(StoredObject tcp) => new()
    {
        ["apiVersion"] = tcp.Object.GetString("apiVersion"),
        ["kind"] = "TenantControlPlane",
        ["name"] = tcp.Name,
        ["uid"] = tcp.Uid,
        ["controller"] = true,
        ["blockOwnerDeletion"] = true,
    };

    private void Write(string ns, string name, JsonObject labels, JsonObject data, JsonObject owner)
    {
        var secret = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = ns,
                ["labels"] = labels,
                ["annotations"] = new JsonObject { ["kamaji.clastix.io/checksum"] = KamajiSecrets.Checksum(data) },
                ["ownerReferences"] = new JsonArray(owner.DeepClone()),
            },
            ["type"] = "Opaque",
            ["data"] = data,
        };
        var existing = context.Store.Get("/secrets", ns, name);
        if (existing is null)
        {
            new ManifestLoader(context).Ensure(BuiltInTypes.Secrets, ns, secret);
            return;
        }
        ObjectEditor.Update(context.Store, "/secrets", existing, obj =>
        {
            obj["data"] = data.DeepClone();
            obj.Metadata()["labels"] = labels.DeepClone();
            obj.Metadata()["annotations"] = secret.Get("metadata", "annotations")!.DeepClone();
        });
    }

    private void UpdateTcp(string ns, string name, string caName, string kubeconfigName, string endpoint)
    {
        var tcp = context.Store.Get(TcpStorageKey, ns, name) ?? throw new StoreMissingException();
        ObjectEditor.Update(context.Store, TcpStorageKey, tcp, obj =>
        {
            obj.Set(kubeconfigName, "status", "kubeconfig", "admin", "secretName");
            obj.Set(caName, "status", "certificates", "ca", "secretName");
            obj.Set(endpoint, "status", "controlPlaneEndpoint");
            obj.Set("Ready", "status", "kubernetesResources", "version", "status");
            obj.Metadata()["annotations"]?.AsObject().Remove(RotateAnnotation);
        });
    }
}
