using System.Globalization;
using System.Net;

namespace KamajiKubeconfig.Controller.Observability;

/// <summary>
/// A listen address in Go's <c>host:port</c> form, as controller-runtime's flags take it: <c>:8090</c> (every
/// interface), <c>127.0.0.1:8090</c>, <c>[::1]:8090</c>, <c>localhost:8090</c>. Port 0 asks for a free port
/// (tests read the bound one back). "0" and the empty string disable the server, controller-runtime's
/// convention for <c>--metrics-bind-address=0</c> and an empty <c>--health-probe-bind-address</c>.
/// </summary>
/// <param name="Host">The interface to bind, or null for every interface.</param>
/// <param name="Port">The TCP port; 0 for any free port.</param>
internal sealed record BindAddress(IPAddress? Host, int Port)
{
    /// <summary>The address, or null when the flag value disables the server.</summary>
    /// <exception cref="FormatException">The value is not a <c>host:port</c> with an IP literal or localhost.</exception>
    public static BindAddress? Parse(string text)
    {
        if (text is "" or "0")
        {
            return null;
        }

        var colon = text.LastIndexOf(':');
        if (colon < 0)
        {
            throw new FormatException($"bind address '{text}': want host:port, e.g. ':8090' or '127.0.0.1:8090' ('0' disables)");
        }

        var host = text[..colon];
        if (!int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > IPEndPoint.MaxPort)
        {
            throw new FormatException($"bind address '{text}': the port must be a number from 0 to 65535");
        }

        return new BindAddress(ParseHost(text, host), port);
    }

    public override string ToString() => Host switch
    {
        null => $":{Port}",
        { AddressFamily: System.Net.Sockets.AddressFamily.InterNetworkV6 } => $"[{Host}]:{Port}",
        _ => $"{Host}:{Port}",
    };

    private static IPAddress? ParseHost(string text, string host)
    {
        if (host.Length == 0)
        {
            return null;
        }

        // Go accepts a host name; we only take "localhost", so that a flag never depends on DNS at startup.
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        var literal = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        var bracketsRequired = literal.Contains(':', StringComparison.Ordinal);
        if ((bracketsRequired == (literal.Length != host.Length)) && IPAddress.TryParse(literal, out var address))
        {
            return address;
        }

        throw new FormatException($"bind address '{text}': the host must be empty, localhost, an IPv4 address or a bracketed IPv6 address");
    }
}
