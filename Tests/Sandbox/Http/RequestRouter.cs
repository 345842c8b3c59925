using KamajiKubeconfig.Sandbox.Api;
using KamajiKubeconfig.Sandbox.Auth;
using Microsoft.AspNetCore.Http;

namespace KamajiKubeconfig.Sandbox.Http;

/// <summary>Parses resource URLs (A1): /api/v1/... and /apis/{group}/{version}/..., with or without a namespace.</summary>
public static class RequestRouter
{
    private static readonly ApiException NotFoundPath = new(StatusFactory.Failure(404, "NotFound", "the server could not find the requested resource", new System.Text.Json.Nodes.JsonObject()));

    /// <summary>Null when the path is not a resource path (discovery, openapi, version, ...).</summary>
    public static ApiRequest? Route(HttpContext http, ResourceRegistry registry, UserInfo user)
    {
        var segments = (http.Request.Path.Value ?? "").Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        string group, version;
        int rest;
        if (segments.Length >= 3 && segments[0] == "api")
        {
            (group, version, rest) = ("", segments[1], 2);
        }
        else if (segments.Length >= 4 && segments[0] == "apis")
        {
            (group, version, rest) = (segments[1], segments[2], 3);
        }
        else
        {
            return null;
        }
        var parts = segments[rest..].ToList();
        var legacyWatch = parts.Count > 0 && parts[0] == "watch";
        if (legacyWatch)
        {
            parts.RemoveAt(0);
        }
        string? ns = null;
        if (parts.Count >= 3 && parts[0] == "namespaces" && !(group.Length == 0 && parts.Count == 3 && parts[2] is "status" or "finalize"))
        {
            ns = parts[1];
            parts.RemoveRange(0, 2);
        }
        if (parts.Count is 0 or > 3)
        {
            throw NotFoundPath;
        }
        var type = registry.Find(group, version, parts[0]) ?? throw NotFoundPath;
        var name = parts.Count > 1 ? parts[1] : null;
        var subresource = parts.Count > 2 ? parts[2] : null;
        if (type.Namespaced == (ns is null) && !(type.Namespaced && name is null))
        {
            throw NotFoundPath;
        }
        if (!type.Namespaced && ns is not null)
        {
            throw NotFoundPath;
        }
        if (subresource is not null && !IsKnownSubresource(type, subresource))
        {
            throw NotFoundPath;
        }
        var watch = legacyWatch || ApiRequest.IsTrue(http.Request.Query, "watch");
        var verb = http.Request.Method switch
        {
            "GET" when watch => "watch",
            "GET" when name is null => "list",
            "GET" => "get",
            "POST" when name is null => "create",
            "PUT" when name is not null => "update",
            "PATCH" when name is not null => "patch",
            "DELETE" when name is null => "deletecollection",
            "DELETE" => "delete",
            _ => throw StatusFactory.MethodNotAllowed($"the server does not allow this method on the requested resource"),
        };
        return new ApiRequest { Http = http, Type = type, Verb = verb, Namespace = ns, Name = name, Subresource = subresource, User = user };
    }

    private static bool IsKnownSubresource(ResourceType type, string subresource) => subresource switch
    {
        "status" => type.HasStatusSubresource,
        "finalize" => type.Plural == "namespaces" && type.Group.Length == 0,
        _ => false,
    };
}
