using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Api;
using KamajiKubeconfig.Sandbox.Auth;
using KamajiKubeconfig.Sandbox.Controllers;
using KamajiKubeconfig.Sandbox.Faults;
using KamajiKubeconfig.Sandbox.Http;
using KamajiKubeconfig.Sandbox.Kamaji;
using KamajiKubeconfig.Sandbox.Tls;
using Microsoft.AspNetCore.Builder;

namespace KamajiKubeconfig.Sandbox;

/// <summary>
/// A kube-apiserver stand-in on loopback HTTPS. Start with <see cref="StartAsync"/>; dispose to stop.
/// State (objects, tokens, RBAC, CAs) lives in <see cref="Context"/> and survives <see cref="RestartAsync"/>.
/// </summary>
public sealed class SandboxServer : IAsyncDisposable
{
    private readonly CertificateAuthority _ca;
    private readonly X509Certificate2 _serverCertificate;
    private readonly ApiDispatcher _dispatcher;
    private readonly TenantEndpoints _tenantEndpoints;
    private WebApplication? _app;

    private SandboxServer(SandboxOptions options)
    {
        Context = new SandboxContext(options);
        Context.Authorizer = new RbacAuthorizer(Context.Store);
        _ca = CertificateAuthority.CreateEcdsa("sandbox-ca");
        _serverCertificate = _ca.IssueServerCertificate();
        Context.Authenticator.TrustClientCa("sandbox", _ca.Certificate);
        Context.SandboxCaPem = _ca.CertificatePem;
        AdminToken = options.AdminToken ?? Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        Context.Authenticator.AddToken(AdminToken, new UserInfo("sandbox-admin", ["system:masters", "system:authenticated"]));
        var admin = new AdminEndpoint(this);
        _dispatcher = new ApiDispatcher(Context, admin.HandleAsync);
        _tenantEndpoints = new TenantEndpoints(_dispatcher.HandleAsync);
        Kamaji = new KamajiSimulator(Context, _tenantEndpoints);
    }

    public SandboxContext Context { get; }

    public Uri BaseAddress => Context.BaseAddress;

    /// <summary>PEM of the CA that signed the serving certificate (trust it as certificate-authority-data).</summary>
    public string CaCertificatePem => _ca.CertificatePem;

    public string AdminToken { get; }

    public FaultInjector Faults => Context.Faults;

    public KamajiSimulator Kamaji { get; }

    public RbacAuthorizer Rbac => Context.Authorizer;

    public static async Task<SandboxServer> StartAsync(SandboxOptions? options = null, CancellationToken cancellationToken = default)
    {
        var server = new SandboxServer(options ?? new SandboxOptions());
        server.Bootstrap();
        await server.ListenAsync(server.Context.Options.Port, cancellationToken);
        return server;
    }

    private void Bootstrap()
    {
        new CrdController(Context).Start();
        new GarbageCollector(Context).Start();
        new NamespaceController(Context).Start();
        Kamaji.Start();
        var loader = new ManifestLoader(Context);
        foreach (var ns in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
        {
            loader.Ensure(BuiltInTypes.Namespaces, "", new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } });
        }
        foreach (var path in Context.Options.CrdPaths)
        {
            loader.Load(path);
        }
        foreach (var path in Context.Options.RbacPaths)
        {
            LoadRbac(path);
        }
        Kamaji.Enabled = Context.Options.KamajiSimulator;
    }

    private async Task ListenAsync(int port, CancellationToken cancellationToken)
    {
        var (app, actualPort) = await HttpsHost.StartAsync(port, () => _serverCertificate, _dispatcher.HandleAsync, cancellationToken);
        Context.BaseAddress = new Uri($"https://127.0.0.1:{actualPort}/");
        _app = app;
    }

    /// <summary>Registers a bearer token for a user; returns the token.</summary>
    public string AddUser(string user, params string[] groups)
    {
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        Context.Authenticator.AddToken(token, new UserInfo(user, [.. groups, "system:authenticated"]));
        return token;
    }

    /// <summary>Registers a bearer token for system:serviceaccount:NS:NAME; returns the token.</summary>
    public string AddServiceAccount(string ns, string name)
    {
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        Context.Authenticator.AddToken(token, UserInfo.ServiceAccount(ns, name));
        return token;
    }

    /// <summary>Loads RBAC YAML (file or directory) and turns RBAC enforcement on.</summary>
    public void LoadRbac(string path)
    {
        new ManifestLoader(Context).Load(path);
        Context.Authorizer.Enabled = true;
    }

    /// <summary>Loads RBAC objects from YAML text and turns RBAC enforcement on.</summary>
    public void LoadRbacYaml(string yaml)
    {
        var loader = new ManifestLoader(Context);
        foreach (var document in Json.YamlToJson.ParseAll(yaml).OfType<JsonObject>())
        {
            loader.LoadObject(document);
        }
        Context.Authorizer.Enabled = true;
    }

    /// <summary>Writes a kubeconfig for a new bearer token of <paramref name="user"/> with <paramref name="groups"/>; returns the path.</summary>
    public string WriteKubeconfigForUser(string path, string user, params string[] groups) => WriteKubeconfig(path, AddUser(user, groups));

    /// <summary>Installs CRDs (or any objects) from YAML.</summary>
    public int LoadManifests(string path) => new ManifestLoader(Context).Load(path);

    /// <summary>The admin kubeconfig (or one for <paramref name="token"/>) as YAML.</summary>
    public string Kubeconfig(string? token = null) => KubeconfigWriter.ForToken(BaseAddress, CaCertificatePem, token ?? AdminToken);

    /// <summary>Writes a kubeconfig file for a token (the admin token by default) and returns its path.</summary>
    public string WriteKubeconfig(string path, string? token = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, Kubeconfig(token));
        return path;
    }

    /// <summary>A client certificate (PEM cert, PEM key) signed by the sandbox CA: CN = user, O = groups.</summary>
    public (string CertificatePem, string KeyPem) IssueClientCertificate(string user, params string[] groups)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = _ca.IssueClientCertificate(user, groups, key, TimeSpan.FromDays(1));
        return (certificate.ExportCertificatePem(), key.ExportECPrivateKeyPem());
    }

    /// <summary>Stops listening (connections refused, watches end) for <paramref name="downtime"/>, then serves again with state kept.</summary>
    public async Task RestartAsync(TimeSpan downtime, CancellationToken cancellationToken = default)
    {
        var port = BaseAddress.Port;
        await StopListeningAsync();
        await Task.Delay(downtime, Context.Clock, cancellationToken);
        await ListenAsync(port, cancellationToken);
    }

    private async Task StopListeningAsync()
    {
        Context.Store.CloseAllWatches();
        if (_app is not null)
        {
            await HttpsHost.StopAsync(_app);
            _app = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kamaji.Enabled = false;
        Context.Stop();
        await StopListeningAsync();
        await _tenantEndpoints.DisposeAsync();
        _serverCertificate.Dispose();
        _ca.Dispose();
        Context.Dispose();
    }
}
