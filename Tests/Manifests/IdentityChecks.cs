using System.Text.Json.Nodes;
using static KamajiKubeconfig.Tests.Manifests.ShippedManifests;

namespace KamajiKubeconfig.Tests.Manifests;

/// <summary>
/// The controller's identity, wired through names: the Deployment runs as a ServiceAccount, and RBAC grants to it by
/// name and namespace. The API server accepts a binding to any name, so a typo only shows as 403s at run time.
/// </summary>
public static class IdentityChecks
{
    // Pods naming a missing ServiceAccount are never created (the ReplicaSet reports "serviceaccount not found").
    public static IReadOnlyList<string> DeploymentServiceAccountsExist(IReadOnlyList<JsonObject> documents) =>
        [.. from d in documents.OfKind("Deployment")
            let account = ServiceAccountOf(d)
            where account.Name != "default" && !documents.OfKind("ServiceAccount").Any(s => Name(s) == account.Name && (Namespace(s) ?? "default") == account.Namespace)
            select $"{Describe(d)}: spec.template.spec.serviceAccountName \"{account.Name}\" names no shipped ServiceAccount in namespace {account.Namespace}"];

    // Every shipped binding exists to grant the controller something: it must name the account the pods run as.
    public static IReadOnlyList<string> BindingsNameTheDeploymentsServiceAccount(IReadOnlyList<JsonObject> documents)
    {
        var accounts = documents.OfKind("Deployment").Select(ServiceAccountOf).ToHashSet();
        return [.. from b in documents.OfKind("ClusterRoleBinding").Concat(documents.OfKind("RoleBinding"))
            let subjects = ServiceAccountSubjects(b).ToList()
            where !subjects.Any(s => accounts.Contains((s.Namespace ?? "", s.Name ?? "")))
            select $"{Describe(b)}: subjects [{string.Join(", ", subjects.Select(s => $"{s.Namespace}/{s.Name}"))}] name no ServiceAccount a shipped Deployment runs as [{string.Join(", ", accounts.Select(a => $"{a.Namespace}/{a.Name}"))}]"];
    }

    // A binding to a missing role grants nothing and says so nowhere; we ship our roles with their bindings.
    public static IReadOnlyList<string> RoleRefsNameShippedRoles(IReadOnlyList<JsonObject> documents) =>
        [.. from b in documents.OfKind("ClusterRoleBinding").Concat(documents.OfKind("RoleBinding"))
            let kind = (string?)b["roleRef"]?["kind"]
            let name = (string?)b["roleRef"]?["name"]
            let ns = kind == "Role" ? Namespace(b) : null
            where !documents.OfKind(kind ?? "").Any(r => Name(r) == name && Namespace(r) == ns)
            select $"{Describe(b)}: roleRef names no shipped {kind} {(ns is null ? "" : ns + "/")}{name}"];

    private static (string Namespace, string Name) ServiceAccountOf(JsonObject deployment)
    {
        var pod = deployment["spec"]?["template"]?["spec"];
        return (Namespace(deployment) ?? "default", (string?)pod?["serviceAccountName"] ?? (string?)pod?["serviceAccount"] ?? "default");
    }

    // A RoleBinding's ServiceAccount subject without a namespace means the binding's own namespace.
    private static IEnumerable<(string? Namespace, string? Name)> ServiceAccountSubjects(JsonObject binding) =>
        (binding["subjects"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(s => (string?)s["kind"] == "ServiceAccount")
            .Select(s => ((string?)s["namespace"] ?? ((string?)binding["kind"] == "RoleBinding" ? Namespace(binding) : null), (string?)s["name"]));
}
