using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using KamajiKubeconfig.Sandbox.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace KamajiKubeconfig.Sandbox.Kamaji;

/// <summary>
/// One extra loopback HTTPS endpoint per simulated TenantControlPlane, serving the same API with a certificate signed
/// by that TCP's CA: a kubeconfig whose certificate-authority-data is exactly the TCP CA then verifies the server,
/// as it would against the tenant's own API server.
/// </summary>
public sealed class TenantEndpoints(RequestDelegate handler) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Endpoint> _endpoints = new(StringComparer.Ordinal);

    private sealed class Endpoint
    {
        public required WebApplication App { get; init; }
        public required int Port { get; init; }
        public X509Certificate2 Certificate { get; set; } = null!;
    }

    /// <summary>Starts (or re-certifies, when <paramref name="certificate"/> is given) the endpoint of a TCP; returns its port.</summary>
    public async Task<int> EnsureAsync(string id, X509Certificate2? certificate, CancellationToken cancellationToken)
    {
        if (_endpoints.TryGetValue(id, out var existing))
        {
            if (certificate is not null)
            {
                // The old certificate is left to the finalizer: a handshake may still be using it.
                existing.Certificate = certificate;
            }
            return existing.Port;
        }
        if (certificate is null)
        {
            throw new InvalidOperationException($"no endpoint for {id} yet");
        }
        Endpoint? endpoint = null;
        var (app, port) = await HttpsHost.StartAsync(0, () => endpoint!.Certificate, handler, cancellationToken);
        endpoint = new Endpoint { App = app, Port = port, Certificate = certificate };
        _endpoints[id] = endpoint;
        return port;
    }

    public async Task StopAsync(string id)
    {
        if (_endpoints.TryRemove(id, out var endpoint))
        {
            await HttpsHost.StopAsync(endpoint.App);
            endpoint.Certificate.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var id in _endpoints.Keys.ToList())
        {
            await StopAsync(id);
        }
    }
}
