using KamajiKubeconfig.Sandbox.Api;
using KamajiKubeconfig.Sandbox.Auth;
using Microsoft.AspNetCore.Http;

namespace KamajiKubeconfig.Sandbox.Http;

/// <summary>A resource request after routing: what, where, which verb and who.</summary>
public sealed record ApiRequest
{
    public required HttpContext Http { get; init; }
    public required ResourceType Type { get; init; }
    public required string Verb { get; init; }
    public string? Namespace { get; init; }
    public string? Name { get; init; }
    public string? Subresource { get; init; }
    public required UserInfo User { get; init; }

    public string Query(string key) => Http.Request.Query[key].ToString();

    public bool HasQuery(string key) => Http.Request.Query.ContainsKey(key);

    public bool QueryBool(string key) => bool.TryParse(Query(key), out var b) ? b : Query(key) == "1";

    /// <summary>The namespace used as storage key part: empty for cluster-scoped types.</summary>
    public string StorageNamespace => Type.Namespaced ? Namespace ?? "" : "";

    public CancellationToken Aborted => Http.RequestAborted;
}
