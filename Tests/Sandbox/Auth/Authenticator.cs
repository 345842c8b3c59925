using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http;

namespace KamajiKubeconfig.Sandbox.Auth;

/// <summary>Maps bearer tokens and client certificates (from trusted CAs) to identities.</summary>
public sealed class Authenticator
{
    private readonly ConcurrentDictionary<string, UserInfo> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, X509Certificate2> _trustedClientCas = new(StringComparer.Ordinal);

    /// <summary>Registers (or replaces) a bearer token.</summary>
    public void AddToken(string token, UserInfo user) => _tokens[token] = user;

    public void RemoveToken(string token) => _tokens.TryRemove(token, out _);

    /// <summary>Trusts client certificates signed by this CA; <paramref name="id"/> lets it be replaced (CA rotation).</summary>
    public void TrustClientCa(string id, X509Certificate2 caCertificate) => _trustedClientCas[id] = caCertificate;

    public void DistrustClientCa(string id) => _trustedClientCas.TryRemove(id, out _);

    /// <summary>The identity, <see cref="UserInfo.Anonymous"/> without credentials, or null for bad credentials (401).</summary>
    public UserInfo? Authenticate(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return _tokens.TryGetValue(header["Bearer ".Length..].Trim(), out var user) ? user : null;
        }
        var certificate = http.Connection.ClientCertificate;
        if (certificate is not null)
        {
            return FromCertificate(certificate);
        }
        return header.Length == 0 ? UserInfo.Anonymous : null;
    }

    private UserInfo? FromCertificate(X509Certificate2 certificate)
    {
        foreach (var ca in _trustedClientCas.Values)
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.2"));
            if (chain.Build(certificate))
            {
                var user = certificate.GetNameInfo(X509NameType.SimpleName, false);
                var groups = certificate.SubjectName.EnumerateRelativeDistinguishedNames()
                    .Where(rdn => rdn.GetSingleElementType().Value == "2.5.4.10")
                    .Select(rdn => rdn.GetSingleElementValue() ?? "")
                    .Append("system:authenticated")
                    .ToList();
                return new UserInfo(user, groups);
            }
        }
        return null;
    }
}
