using System.Text.Json;
using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Api;
using KamajiKubeconfig.Sandbox.Json;

namespace KamajiKubeconfig.Sandbox.Auth;

/// <summary>
/// RBAC's escalation prevention (pkg/registry/rbac/{role,clusterrole}/policybased and rolebinding/policybased): a user
/// may write a role only with permissions they hold (or with the `escalate` verb), and a binding only to a role whose
/// permissions they hold (or with the `bind` verb on it); otherwise 403 naming the permissions not held.
/// </summary>
public static class RbacEscalation
{
    private static readonly AsyncLocal<UserInfo?> Caller = new();

    /// <summary>The identity of the request in flight (null for in-process writes such as manifest loading).</summary>
    public static void Begin(UserInfo user) => Caller.Value = user;

    public static void Check(SandboxContext context, ResourceType type, JsonObject obj)
    {
        var user = Caller.Value;
        var authorizer = context.Authorizer;
        if (user is null || !authorizer.Enabled || user.IsSuperUser || type.Group != "rbac.authorization.k8s.io")
        {
            return;
        }
        var ns = type.Namespaced ? obj.GetString("metadata", "namespace") ?? "" : "";
        var name = obj.GetString("metadata", "name") ?? "";
        IEnumerable<JsonObject> granted;
        if (type.Kind is "Role" or "ClusterRole")
        {
            if (authorizer.Allows(user, new AuthorizationAttributes("escalate", type.Group, type.Plural, "", ns, name), out _))
            {
                return;
            }
            granted = (obj["rules"] as JsonArray ?? []).OfType<JsonObject>();
        }
        else
        {
            var roleKind = obj.GetString("roleRef", "kind") ?? "";
            var roleName = obj.GetString("roleRef", "name") ?? "";
            var rolePlural = roleKind == "ClusterRole" ? "clusterroles" : "roles";
            if (authorizer.Allows(user, new AuthorizationAttributes("bind", type.Group, rolePlural, "", roleKind == "ClusterRole" ? "" : ns, roleName), out _))
            {
                return;
            }
            granted = authorizer.RulesOf(roleKind, roleName, ns);
        }
        var missing = granted.SelectMany(rule => Missing(authorizer, user, rule, ns)).Distinct().ToList();
        if (missing.Count > 0)
        {
            var groups = "[" + string.Join(" ", user.Groups.Select(g => JsonSerializer.Serialize(g))) + "]";
            throw StatusFactory.Forbidden(type.Group, type.Plural, name,
                $"user \"{user.Name}\" (groups={groups}) is attempting to grant RBAC permissions not currently held:\n{string.Join("\n", missing)}");
        }
    }

    /// <summary>The parts of a rule the user does not hold, one compact rule (PolicyRule.CompactString) per resource.</summary>
    private static IEnumerable<string> Missing(RbacAuthorizer authorizer, UserInfo user, JsonObject rule, string ns)
    {
        var verbs = rule["verbs"].StringList();
        var names = rule["resourceNames"].StringList();
        foreach (var url in rule["nonResourceURLs"].StringList())
        {
            var notHeld = verbs.Where(v => !authorizer.Allows(user, new AuthorizationAttributes(v, NonResourcePath: url), out _)).ToList();
            if (notHeld.Count > 0)
            {
                yield return $"{{NonResourceURLs:[{Quote(url)}], Verbs:{Quote(notHeld)}}}";
            }
        }
        foreach (var group in rule["apiGroups"].StringList())
        {
            foreach (var resource in rule["resources"].StringList())
            {
                var slash = resource.IndexOf('/', StringComparison.Ordinal);
                var (plural, sub) = slash < 0 ? (resource, "") : (resource[..slash], resource[(slash + 1)..]);
                var notHeld = verbs.Where(v => (names.Count == 0 ? [""] : names)
                    .Any(n => !authorizer.Allows(user, new AuthorizationAttributes(v, group, plural, sub, ns, n), out _))).ToList();
                if (notHeld.Count > 0)
                {
                    var namesPart = names.Count > 0 ? $", ResourceNames:{Quote(names)}" : "";
                    yield return $"{{APIGroups:[{Quote(group)}], Resources:[{Quote(resource)}]{namesPart}, Verbs:{Quote(notHeld)}}}";
                }
            }
        }
    }

    private static string Quote(string value) => JsonSerializer.Serialize(value);

    private static string Quote(IEnumerable<string> values) => "[" + string.Join(" ", values.Select(Quote)) + "]";
}
