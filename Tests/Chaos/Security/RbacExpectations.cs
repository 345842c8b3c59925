namespace KamajiKubeconfig.Chaos.Security;

/// <summary>
/// What the controller's identity under <c>manifests/rbac/</c> must be able to do (its job), and what it must be denied
/// although a broader role would allow it: Kamaji's generator runs under Kamaji's whole manager ClusterRole.
/// </summary>
public static class RbacExpectations
{
    private const string Kamaji = "kamaji.clastix.io";
    private const string Tenant = "tenant-a";

    public static IReadOnlyList<AccessCheck> Needed { get; } =
    [
        new("list", Kamaji, "kubeconfiggenerators", Why: "informer"),
        new("watch", Kamaji, "kubeconfiggenerators", Why: "informer"),
        new("get", Kamaji, "kubeconfiggenerators", Why: "read before the finalizer patch"),
        new("patch", Kamaji, "kubeconfiggenerators", Why: "add and release the finalizer"),
        new("patch", Kamaji, "kubeconfiggenerators", "status", Why: "status by server-side apply"),
        new("list", Kamaji, "tenantcontrolplanes", Why: "informer"),
        new("watch", Kamaji, "tenantcontrolplanes", Why: "informer"),
        new("get", Kamaji, "tenantcontrolplanes", Namespace: Tenant, Why: "read a TCP"),
        new("update", Kamaji, "tenantcontrolplanes", "finalizers", Tenant, "blockOwnerDeletion on the owner reference"),
        new("list", "", "namespaces", Why: "informer"),
        new("watch", "", "namespaces", Why: "informer"),
        new("list", "", "secrets", Why: "informers (label-selected)"),
        new("watch", "", "secrets", Why: "informers (label-selected)"),
        new("get", "", "secrets", Namespace: Tenant, Why: "direct reads of unlabelled referenced Secrets"),
        new("create", "", "secrets", Namespace: Tenant, Why: "new kubeconfig Secrets"),
        new("patch", "", "secrets", Namespace: Tenant, Why: "server-side apply of its Secrets"),
        new("delete", "", "secrets", Namespace: Tenant, Why: "prune"),
        new("create", "", "events", Namespace: "default", Why: "Warning Events on generators"),
        new("get", "coordination.k8s.io", "leases", Namespace: "kamaji-system", Why: "leader election"),
        new("create", "coordination.k8s.io", "leases", Namespace: "kamaji-system", Why: "leader election"),
        new("update", "coordination.k8s.io", "leases", Namespace: "kamaji-system", Why: "leader election and release"),
    ];

    public static IReadOnlyList<AccessCheck> Denied { get; } =
    [
        new("update", "", "secrets", Namespace: Tenant, Why: "whole-object writes: it only applies"),
        new("deletecollection", "", "secrets", Namespace: Tenant, Why: "mass deletion of a tenant's Secrets"),
        new("get", "", "configmaps", Namespace: Tenant, Why: "Kamaji's role reads kubeadm ConfigMaps"),
        new("list", "", "configmaps", Why: "other kinds"),
        new("create", Kamaji, "tenantcontrolplanes", Namespace: Tenant, Why: "creating tenants"),
        new("patch", Kamaji, "tenantcontrolplanes", Namespace: Tenant, Why: "editing tenants"),
        new("delete", Kamaji, "tenantcontrolplanes", Namespace: Tenant, Why: "deleting tenants"),
        new("patch", Kamaji, "tenantcontrolplanes", "status", Tenant, "rewriting which Secrets a TCP names"),
        new("create", Kamaji, "kubeconfiggenerators", Why: "minting itself new credentials"),
        new("update", Kamaji, "kubeconfiggenerators", Why: "rewriting generators (Kamaji's marker grants it)"),
        new("delete", Kamaji, "kubeconfiggenerators", Why: "deleting generators"),
        new("update", Kamaji, "kubeconfiggenerators", "status", Why: "whole-status writes (Kamaji's marker grants it)"),
        new("get", "", "namespaces", Namespace: Tenant, Why: "Kamaji's marker grants it; the informer lists"),
        new("create", "", "namespaces", Why: "cluster-wide things"),
        new("delete", "", "namespaces", Why: "cluster-wide things"),
        new("patch", "", "events", Namespace: "default", Why: "editing Events"),
        new("delete", "", "events", Namespace: "default", Why: "erasing Events"),
        new("get", "coordination.k8s.io", "leases", Namespace: "kube-system", Why: "other namespaces' Leases"),
        new("update", "coordination.k8s.io", "leases", Namespace: "default", Why: "other namespaces' Leases"),
        new("delete", "coordination.k8s.io", "leases", Namespace: "kamaji-system", Why: "deleting its Lease"),
        new("list", "", "pods", Why: "other kinds"),
        new("create", "", "pods", "exec", Tenant, "running commands"),
        new("create", "", "serviceaccounts", "token", "kamaji-system", "minting tokens"),
        new("patch", "apps", "deployments", Namespace: "kamaji-system", Why: "editing workloads (its own included)"),
        new("create", "rbac.authorization.k8s.io", "clusterrolebindings", Why: "granting itself more"),
        new("escalate", "rbac.authorization.k8s.io", "clusterroles", Why: "granting itself more"),
        new("bind", "rbac.authorization.k8s.io", "clusterroles", Why: "granting itself more"),
        new("create", "apiextensions.k8s.io", "customresourcedefinitions", Why: "cluster-wide things"),
        new("create", "certificates.k8s.io", "certificatesigningrequests", Why: "other credential paths"),
        new("impersonate", "", "users", Why: "acting as someone else"),
        new("impersonate", "", "groups", Why: "acting as system:masters"),
    ];

    /// <summary>A deliberately broad role (what a lazy install grants): shows each denial above is a real restriction.</summary>
    public const string BroadRoleYaml = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: chaos-broad
        rules:
        - apiGroups: ["*"]
          resources: ["*"]
          verbs: ["*"]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata:
          name: chaos-broad
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: ClusterRole
          name: chaos-broad
        subjects:
        - kind: ServiceAccount
          name: broad
          namespace: kamaji-system
        """;
}
