using System.Net;
using System.Net.Sockets;

namespace KamajiKubeconfig.Tests.Fakes;

/// <summary>A loopback port nothing listens on (bound, read, released): a real "connection refused".</summary>
internal static class ClosedPort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
