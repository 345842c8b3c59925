namespace KamajiKubeconfig.Sandbox.Api;

/// <summary>rbac.authorization.k8s.io/v1: served so RBAC can be applied at run time; the authorizer reads them from the store.</summary>
public static class RbacTypes
{
    private const string Group = "rbac.authorization.k8s.io";

    // pkg/printers/internalversion/printers.go: roles print their creation time, bindings their role and subjects.
    private static readonly IReadOnlyList<PrinterColumn> RoleColumns = [new("Created At", "string", "#createdat", "")];

    private static readonly IReadOnlyList<PrinterColumn> BindingColumns =
    [
        new("Role", "string", "#roleref", ""),
        new("Age", "string", "#age", ""),
        new("Users", "string", "#users", "", Priority: 1),
        new("Groups", "string", "#groups", "", Priority: 1),
        new("ServiceAccounts", "string", "#serviceaccounts", "", Priority: 1),
    ];

    public static ResourceType ClusterRoles { get; } = new()
    {
        Group = Group,
        Version = "v1",
        Plural = "clusterroles",
        Singular = "clusterrole",
        Kind = "ClusterRole",
        Namespaced = false,
        StorageKey = Group + "/clusterroles",
        PrinterColumns = RoleColumns,
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
        PrinterColumns = BindingColumns,
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
        PrinterColumns = RoleColumns,
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
        PrinterColumns = BindingColumns,
    };

    public static IReadOnlyList<ResourceType> All { get; } = [ClusterRoles, ClusterRoleBindings, Roles, RoleBindings];
}
