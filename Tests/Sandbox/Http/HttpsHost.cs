using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KamajiKubeconfig.Sandbox.Http;

/// <summary>A Kestrel listener on loopback HTTPS (HTTP/2 and HTTP/1.1) that asks for, but does not require, client certificates.</summary>
public static class HttpsHost
{
    /// <summary>Starts listening; <paramref name="certificate"/> is asked per TLS handshake, so it can be swapped (CA rotation).</summary>
    public static async Task<(WebApplication App, int Port)> StartAsync(int port, Func<X509Certificate2> certificate, RequestDelegate handler, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Limits.MinResponseDataRate = null;
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.Limits.Http2.MaxStreamsPerConnection = 1000;
            kestrel.Listen(IPAddress.Loopback, port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(https =>
                {
                    https.ServerCertificateSelector = (_, _) => certificate();
                    https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                    // Client certificates are checked per request against the trusted CAs (sandbox and simulated TCPs).
                    https.AllowAnyClientCertificate();
                });
            });
        });
        builder.Services.AddSingleton<IHostLifetime, NullHostLifetime>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address).Port);
    }

    public static async Task StopAsync(WebApplication app)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await app.StopAsync(timeout.Token);
        await app.DisposeAsync();
    }
}
