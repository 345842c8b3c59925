using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Api;
using KamajiKubeconfig.Sandbox.Json;
using KamajiKubeconfig.Sandbox.Storage;

namespace KamajiKubeconfig.Sandbox.Auth;

/// <summary>
/// Kubernetes RBAC over the ClusterRoles, Roles and bindings in the store. system:masters bypasses; every authenticated
/// user may use discovery and self-reviews (the default system:discovery and system:basic-user roles).
/// </summary>
public sealed class RbacAuthorizer(ObjectStore store)
{
    private static readonly string[] DiscoveryPaths = ["/api", "/apis", "/version", "/openapi", "/healthz", "/livez", "/readyz"];

    /// <summary>Off: every authenticated request is allowed (the default until RBAC rules are loaded or enabled).</summary>
    public bool Enabled { get; set; }

    public bool Allows(UserInfo user, AuthorizationAttributes attributes, out string reason)
    {
        reason = "";
        if (!Enabled || user.IsSuperUser)
        {
            reason = "allowed: RBAC not enforced for this user";
            return true;
        }
        if (user.Name == UserInfo.Anonymous.Name)
        {
            return false;
        }
        if (attributes.NonResourcePath is { } path && attributes.Verb == "get" && DiscoveryPaths.Any(p => path == p || path.StartsWith(p + "/", StringComparison.Ordinal)))
        {
            reason = "allowed by the default discovery role";
            return true;
        }
        if ((attributes.Group == "authorization.k8s.io" && attributes.Resource is "selfsubjectaccessreviews" or "selfsubjectrulesreviews"
                || attributes.Group == "authentication.k8s.io" && attributes.Resource == "selfsubjectreviews") && attributes.Verb == "create")
        {
            reason = "allowed by the default basic-user role";
            return true;
        }
        foreach (var binding in store.List(RbacTypes.ClusterRoleBindings.StorageKey, null).Items.Where(b => Binds(b.Object, user)))
        {
            var roleName = binding.Object.GetString("roleRef", "name") ?? "";
            if (RulesOf("ClusterRole", roleName, "").Any(r => Matches(r, attributes)))
            {
                reason = $"RBAC: allowed by ClusterRoleBinding \"{binding.Name}\" of ClusterRole \"{roleName}\" to {SubjectText(user)}";
                return true;
            }
        }
        if (attributes.Namespace.Length > 0)
        {
            foreach (var binding in store.List(RbacTypes.RoleBindings.StorageKey, attributes.Namespace).Items.Where(b => Binds(b.Object, user)))
            {
                var roleKind = binding.Object.GetString("roleRef", "kind") ?? "Role";
                var roleName = binding.Object.GetString("roleRef", "name") ?? "";
                if (RulesOf(roleKind, roleName, attributes.Namespace).Any(r => Matches(r, attributes)))
                {
                    reason = $"RBAC: allowed by RoleBinding \"{binding.Name}/{attributes.Namespace}\" of {roleKind} \"{roleName}\" to {SubjectText(user)}";
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>The 403 a real API server answers (forbidden.go's message).</summary>
    public static ApiException Forbidden(UserInfo user, AuthorizationAttributes a)
    {
        if (!a.IsResourceRequest)
        {
            return new ApiException(StatusFactory.Failure(403, "Forbidden",
                $"forbidden: User \"{user.Name}\" cannot {a.Verb} path \"{a.NonResourcePath}\"", new JsonObject()));
        }
        var resource = a.Subresource.Length > 0 ? $"{a.Resource}/{a.Subresource}" : a.Resource;
        var scope = a.Namespace.Length > 0 ? $"in the namespace \"{a.Namespace}\"" : "at the cluster scope";
        return StatusFactory.Forbidden(a.Group, a.Resource, a.Name,
            $"User \"{user.Name}\" cannot {a.Verb} resource \"{resource}\" in API group \"{a.Group}\" {scope}");
    }

    private static string SubjectText(UserInfo user) =>
        user.Name.StartsWith("system:serviceaccount:", StringComparison.Ordinal) ? $"ServiceAccount \"{user.Name}\"" : $"User \"{user.Name}\"";

    /// <summary>Every rule bound to the user: cluster-wide ones, plus those of RoleBindings in <paramref name="ns"/>.</summary>
    public List<JsonObject> RulesFor(UserInfo user, string ns)
    {
        var rules = new List<JsonObject>();
        foreach (var binding in store.List(RbacTypes.ClusterRoleBindings.StorageKey, null).Items.Where(b => Binds(b.Object, user)))
        {
            rules.AddRange(RulesOf("ClusterRole", binding.Object.GetString("roleRef", "name") ?? "", ""));
        }
        if (ns.Length > 0)
        {
            foreach (var binding in store.List(RbacTypes.RoleBindings.StorageKey, ns).Items.Where(b => Binds(b.Object, user)))
            {
                rules.AddRange(RulesOf(binding.Object.GetString("roleRef", "kind") ?? "Role", binding.Object.GetString("roleRef", "name") ?? "", ns));
            }
        }
        return rules;
    }

    /// <summary>The rules of a Role (in <paramref name="ns"/>) or ClusterRole; none when it does not exist.</summary>
    public IEnumerable<JsonObject> RulesOf(string kind, string name, string ns)
    {
        var stored = kind == "ClusterRole"
            ? store.Get(RbacTypes.ClusterRoles.StorageKey, "", name)
            : store.Get(RbacTypes.Roles.StorageKey, ns, name);
        return stored?.Object["rules"] is JsonArray rules ? rules.OfType<JsonObject>() : [];
    }

    private static bool Binds(JsonObject binding, UserInfo user)
    {
        if (binding["subjects"] is not JsonArray subjects)
        {
            return false;
        }
        foreach (var subject in subjects.OfType<JsonObject>())
        {
            var name = subject.GetString("name");
            var matched = subject.GetString("kind") switch
            {
                "User" => name == user.Name,
                "Group" => user.Groups.Contains(name ?? ""),
                "ServiceAccount" => user.Name == $"system:serviceaccount:{subject.GetString("namespace") ?? binding.GetString("metadata", "namespace")}:{name}",
                _ => false,
            };
            if (matched)
            {
                return true;
            }
        }
        return false;
    }

    private static bool Matches(JsonObject rule, AuthorizationAttributes a)
    {
        var verbs = rule["verbs"].StringList();
        if (!verbs.Contains("*") && !verbs.Contains(a.Verb))
        {
            return false;
        }
        if (!a.IsResourceRequest)
        {
            return rule["nonResourceURLs"].StringList().Any(u => u == "*" || u == a.NonResourcePath
                || u.EndsWith('*') && a.NonResourcePath!.StartsWith(u[..^1], StringComparison.Ordinal));
        }
        var groups = rule["apiGroups"].StringList();
        if (!groups.Contains("*") && !groups.Contains(a.Group))
        {
            return false;
        }
        var resources = rule["resources"].StringList();
        var combined = a.Subresource.Length > 0 ? $"{a.Resource}/{a.Subresource}" : a.Resource;
        if (!resources.Contains("*") && !resources.Contains(combined) && !(a.Subresource.Length > 0 && resources.Contains("*/" + a.Subresource)))
        {
            return false;
        }
        var names = rule["resourceNames"].StringList();
        return names.Count == 0 || names.Contains(a.Name);
    }
}
