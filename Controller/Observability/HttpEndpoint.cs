using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KamajiKubeconfig.Controller.Observability;

/// <summary>
/// One plain-HTTP Kestrel listener with a single request handler. Built from the empty builder: no
/// configuration sources, routing or middleware, so nothing in the environment can change what it serves.
/// </summary>
internal sealed class HttpEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HttpEndpoint(WebApplication app, IPEndPoint bound)
    {
        _app = app;
        Bound = bound;
    }

    /// <summary>The address actually bound: with port 0 this is where the free port shows up.</summary>
    public IPEndPoint Bound { get; }

    public static async Task<HttpEndpoint> StartAsync(BindAddress address, RequestDelegate handler, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        // Kestrel's own errors go to the application's loggers.
        builder.Services.AddSingleton(loggerFactory);
        // The application's host owns Ctrl+C and SIGTERM; this inner host only starts and stops when told.
        builder.Services.AddSingleton<IHostLifetime, PassiveHostLifetime>();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            if (address.Host is null)
            {
                kestrel.ListenAnyIP(address.Port);
            }
            else
            {
                kestrel.Listen(address.Host, address.Port);
            }
        });

        var app = builder.Build();
        app.Run(handler);
        try
        {
            await app.StartAsync(cancellationToken);
            return new HttpEndpoint(app, BoundEndpoint(app));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => _app.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static IPEndPoint BoundEndpoint(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        var uri = new Uri(addresses.First());
        return new IPEndPoint(IPAddress.Parse(uri.Host.Trim('[', ']')), uri.Port);
    }
}
