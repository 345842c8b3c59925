using System.Net;
using System.Net.Sockets;

namespace KamajiKubeconfig.Chaos.Infrastructure;

/// <summary>
/// A loopback TCP port nobody listens on right now, for a controller process to bind (and bind again when the
/// harness restarts it). Chosen below the kernel's ephemeral range: a port the OS hands out for port 0 is also handed
/// to outgoing connections, and one of the many client sockets of a run took such a port between this check and the
/// controller's bind ("address already in use", a crash the scenario then blamed on the controller). No port is
/// handed out twice in one run: scenarios run side by side, and two of them once drew the same free port before
/// either controller had bound it.
/// </summary>
public static class FreePort
{
    private const string EphemeralRange = "/proc/sys/net/ipv4/ip_local_port_range";

    private static readonly HashSet<int> HandedOut = [];

    public static int Next()
    {
        var ephemeralStart = File.Exists(EphemeralRange) && int.TryParse(File.ReadAllText(EphemeralRange).Split('\t', ' ')[0], out var start)
            ? start
            : 32768;
        var low = Math.Max(1024, ephemeralStart - 12_000);
        for (var attempt = 0; ; attempt++)
        {
            var port = Random.Shared.Next(low, ephemeralStart);
            lock (HandedOut)
            {
                if (!HandedOut.Add(port))
                {
                    continue;
                }
            }
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException) when (attempt < 200)
            {
                // Taken: try another.
            }
        }
    }
}
