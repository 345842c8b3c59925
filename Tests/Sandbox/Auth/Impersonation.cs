using KamajiKubeconfig.Sandbox.Api;
using Microsoft.AspNetCore.Http;

namespace KamajiKubeconfig.Sandbox.Auth;

/// <summary>
/// Impersonate-User / Impersonate-Group headers (kubectl --as, --as-group), as apiserver's impersonation filter
/// handles them (pkg/endpoints/filters/impersonation.go): each requested user, service account and group must be
/// allowed the `impersonate` verb for the caller; the request then runs as the impersonated identity, which is
/// system:authenticated (and a service account's groups) besides the groups asked for.
/// </summary>
public static class Impersonation
{
    public static UserInfo Apply(HttpContext http, UserInfo caller, RbacAuthorizer authorizer)
    {
        var user = http.Request.Headers["Impersonate-User"].ToString();
        var groups = http.Request.Headers["Impersonate-Group"].Where(g => !string.IsNullOrEmpty(g)).Select(g => g!).ToList();
        if (user.Length == 0)
        {
            if (groups.Count > 0)
            {
                throw StatusFactory.InternalError("requested [" + string.Join(" ", groups.Select(g => $"{{Group  {g}  authentication.k8s.io/v1  }}")) + "] without impersonating a user");
            }
            return caller;
        }
        const string prefix = "system:serviceaccount:";
        AuthorizationAttributes target;
        var impersonatedGroups = new List<string>(groups);
        if (user.StartsWith(prefix, StringComparison.Ordinal) && user[prefix.Length..].Split(':') is [var ns, var name])
        {
            target = new AuthorizationAttributes("impersonate", "", "serviceaccounts", "", ns, name);
            impersonatedGroups.AddRange(["system:serviceaccounts", $"system:serviceaccounts:{ns}"]);
        }
        else
        {
            target = new AuthorizationAttributes("impersonate", "", "users", "", "", user);
        }
        Require(caller, target, authorizer);
        foreach (var group in groups)
        {
            Require(caller, new AuthorizationAttributes("impersonate", "", "groups", "", "", group), authorizer);
        }
        if (user != UserInfo.Anonymous.Name && !impersonatedGroups.Contains("system:authenticated"))
        {
            impersonatedGroups.Add("system:authenticated");
        }
        return new UserInfo(user, impersonatedGroups);
    }

    private static void Require(UserInfo caller, AuthorizationAttributes attributes, RbacAuthorizer authorizer)
    {
        if (!authorizer.Allows(caller, attributes, out _))
        {
            throw RbacAuthorizer.Forbidden(caller, attributes);
        }
    }
}
