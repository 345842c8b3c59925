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

    /// <summary>
    /// A boolean query parameter as apimachinery converts it (Convert_Slice_string_To_bool): absent is false, "0" and
    /// "false" in any case are false, anything else (True, 1, t, even empty) is true.
    /// </summary>
    public bool QueryBool(string key) => IsTrue(Http.Request.Query, key);

    public static bool IsTrue(IQueryCollection query, string key) =>
        query.TryGetValue(key, out var values) && values.Count > 0
        && !(values[0] == "0" || string.Equals(values[0], "false", StringComparison.OrdinalIgnoreCase));

    /// <summary>The namespace used as storage key part: empty for cluster-scoped types.</summary>
    public string StorageNamespace => Type.Namespaced ? Namespace ?? "" : "";

    public CancellationToken Aborted => Http.RequestAborted;
}
