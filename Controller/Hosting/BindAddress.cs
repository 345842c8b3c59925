using System.Globalization;
using System.Net;

namespace KamajiKubeconfig.Controller.Hosting;

/// <summary>
/// The value of <c>--metrics-bind-address</c> and <c>--health-probe-bind-address</c>: a listen address in Go's
/// <c>host:port</c> form, as controller-runtime's flags take it: <c>:8090</c> (every interface), <c>127.0.0.1:8090</c>,
/// <c>[::1]:8090</c>, <c>localhost:8090</c>. Port 0 asks for a free port (tests read the bound one back). "0" and the
/// empty string disable the server, controller-runtime's convention.
/// </summary>
internal static class BindAddress
{
    /// <summary>What a valid value looks like: the end of the flag's error message.</summary>
    public const string Expected = "want host:port with an empty host, localhost or an IP address, e.g. ':8090', '127.0.0.1:8090' or '[::1]:8090' ('0' disables)";

    /// <summary>
    /// False when <paramref name="text"/> is not a <c>host:port</c> with an empty host, localhost or an IP literal.
    /// Else <paramref name="endpoint"/> is the endpoint (<see cref="IPAddress.IPv6Any"/>: every interface), or null
    /// when the value disables the server.
    /// </summary>
    public static bool TryParse(string text, out IPEndPoint? endpoint)
    {
        endpoint = null;
        if (text is "" or "0")
        {
            return true;
        }

        var colon = text.LastIndexOf(':');
        var host = colon < 0 ? text : text[..colon];
        var literal = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        // Go accepts any host name; only localhost here, so that a flag never depends on DNS at startup.
        var address = host.Length == 0 ? IPAddress.IPv6Any
            : string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
            : literal.Contains(':') == (literal.Length != host.Length) && IPAddress.TryParse(literal, out var ip) ? ip
            : null;
        endpoint = colon >= 0 && address is not null && int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= IPEndPoint.MaxPort
            ? new IPEndPoint(address, port)
            : null;
        return endpoint is not null;
    }
}
