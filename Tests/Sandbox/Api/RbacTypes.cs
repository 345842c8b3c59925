namespace KamajiKubeconfig.Sandbox.Api;

/// <summary>rbac.authorization.k8s.io/v1: served so RBAC can be applied at run time; the authorizer reads them from the store.</summary>
public static class RbacTypes
{
    private const string Group = "rbac.authorization.k8s.io";

    public static ResourceType ClusterRoles { get; } = new()
    {
        Group = Group,
        Version = "v1",
        Plural = "clusterroles",
        Singular = "clusterrole",
        Kind = "ClusterRole",
        Namespaced = false,
        StorageKey = Group + "/clusterroles",
    };

    public static ResourceType ClusterRoleBindings { get; } = new()
    {
        Group = Group,
        Version = "v1",
        Plural = "clusterrolebindings",
        Singular = "clusterrolebinding",
        Kind = "ClusterRoleBinding",
        Namespaced = false,
        StorageKey = Group + "/clusterrolebindings",
    };

    public static ResourceType Roles { get; } = new()
    {
        Group = Group,
        Version = "v1",
        Plural = "roles",
        Singular = "role",
        Kind = "Role",
        Namespaced = true,
        StorageKey = Group + "/roles",
    };

    public static ResourceType RoleBindings { get; } = new()
    {
        Group = Group,
        Version = "v1",
        Plural = "rolebindings",
        Singular = "rolebinding",
        Kind = "RoleBinding",
        Namespaced = true,
        StorageKey = Group + "/rolebindings",
    };

    public static IReadOnlyList<ResourceType> All { get; } = [ClusterRoles, ClusterRoleBindings, Roles, RoleBindings];
}
