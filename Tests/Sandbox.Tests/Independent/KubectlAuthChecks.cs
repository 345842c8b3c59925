namespace KamajiKubeconfig.Sandbox.Tests.Independent;

/// <summary>kubectl checks of authentication and authorization: whoami, can-i, impersonation, RBAC write rules.</summary>
public static class KubectlAuthChecks
{
    private const string Controller = "system:serviceaccount:kamaji-system:kubeconfig-generator";
    private const string RbacStorage = "pkg/registry/rbac/role/policybased/storage.go (escalation check)";

    public static IReadOnlyList<KubectlCheck> All { get; } =
    [
        new("AuthCanI_ControllerServiceAccount_CreateSecrets_Yes", "pkg/endpoints/filters/impersonation.go + RBAC authorizer (manifests/rbac)", async k =>
            Assert.That(await k.OkAsync("auth", "can-i", "create", "secrets", "--as=" + Controller), Is.EqualTo("yes\n"))),
        new("AuthCanI_ControllerServiceAccount_UpdateSecrets_No", "RBAC authorizer: the shipped ClusterRole has no update on secrets", async k =>
        {
            var result = await k.RunAsync("auth", "can-i", "update", "secrets", "--as=" + Controller);
            Assert.That((result.ExitCode, result.Stdout), Is.EqualTo((1, "no\n")));
        }),
        new("AuthCanI_ControllerServiceAccount_LeaseInOwnNamespace_Yes", "RBAC authorizer: RoleBinding in kamaji-system", async k =>
            Assert.That(await k.Kubectl.OkAsync("auth", "can-i", "update", "leases.coordination.k8s.io", "-n", "kamaji-system", "--as=" + Controller), Is.EqualTo("yes\n"))),
        new("AuthCanI_ControllerServiceAccount_LeaseElsewhere_No", "RBAC authorizer: a Role grants only in its namespace", async k =>
        {
            var result = await k.RunAsync("auth", "can-i", "update", "leases.coordination.k8s.io", "--as=" + Controller);
            Assert.That(result.Stdout, Is.EqualTo("no\n"));
        }),
        new("AuthCanIList_ControllerServiceAccount_ShowsSecrets", "pkg/registry/authorization/selfsubjectrulesreview: the rules that apply", async k =>
            Assert.That(await k.OkAsync("auth", "can-i", "--list", "--as=" + Controller), Does.Match(@"secrets\s+\[\]\s+\[\]\s+\[get list watch create patch delete\]"))),
        new("AuthWhoami_Admin", "pkg/registry/authentication/selfsubjectreview: the caller's user info", async k =>
            Assert.That(await k.OkAsync("auth", "whoami"), Does.Match(@"Username\s+sandbox-admin\s*\nGroups\s+\[system:masters system:authenticated\]"))),
        new("AuthWhoami_Impersonated", "pkg/endpoints/filters/impersonation.go: --as and --as-group replace the identity", async k =>
            Assert.That(await k.OkAsync("auth", "whoami", "--as=bob", "--as-group=devs"), Does.Match(@"Username\s+bob\s*\nGroups\s+\[devs system:authenticated\]"))),
        new("Impersonate_WithoutImpersonateVerb_Forbidden", "pkg/endpoints/filters/impersonation.go: impersonate is authorized per user/group", async k =>
        {
            using var eve = new KamajiKubeconfig.Sandbox.Tests.Kubectl.KubectlRunner(IndependentSuite.Server, IndependentSuite.Server.AddUser("eve"));
            var result = await eve.RunAsync("get", "--raw", $"/api/v1/namespaces/{k.Namespace}/configmaps", "--as=bob");
            Assert.That(result.Stderr, Does.Contain("users \"bob\" is forbidden: User \"eve\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope"));
        }),
        new("Impersonate_Permitted_ActsAsTarget", "pkg/endpoints/filters/impersonation.go: the request is authorized as the impersonated user", async k =>
        {
            await k.OkWithInputAsync("apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: impersonate-bob}\nrules: [{apiGroups: [''], resources: [users], verbs: [impersonate], resourceNames: [bob]}]\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: imp-impersonates-bob}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: impersonate-bob}\nsubjects: [{apiGroup: rbac.authorization.k8s.io, kind: User, name: imp}]\n", "apply", "-f", "-");
            using var imp = new KamajiKubeconfig.Sandbox.Tests.Kubectl.KubectlRunner(IndependentSuite.Server, IndependentSuite.Server.AddUser("imp"));
            var result = await imp.RunAsync("-n", k.Namespace, "get", "configmaps", "--as=bob");
            Assert.That(result.Stderr, Does.Contain($"configmaps is forbidden: User \"bob\" cannot list resource \"configmaps\" in API group \"\" in the namespace \"{k.Namespace}\""));
        }),
        new("CreateRole_Protobuf_Created", "rbac.authorization.k8s.io/v1 Role from kubectl's typed client (protobuf body)", async k =>
            Assert.That(await k.OkAsync("create", "role", "r", "--verb=get", "--resource=configmaps"), Is.EqualTo("role.rbac.authorization.k8s.io/r created\n"))),
        new("CreateRoleBinding_Protobuf_Created", "rbac.authorization.k8s.io/v1 RoleBinding (protobuf body)", async k =>
        {
            Assert.That(await k.OkAsync("create", "rolebinding", "rb", "--clusterrole=view", "--user=alice", "--group=devs", "--serviceaccount=x:y"),
                Is.EqualTo("rolebinding.rbac.authorization.k8s.io/rb created\n"));
            Assert.That(await k.OkAsync("get", "rolebinding", "rb", "-o", "jsonpath={.roleRef.name}/{.subjects[*].kind}"), Is.EqualTo("view/User Group ServiceAccount"));
        }),
        new("CreateClusterRole_Protobuf_Created", "rbac.authorization.k8s.io/v1 ClusterRole (protobuf body)", async k =>
        {
            var name = "cr-" + k.Namespace;
            Assert.That(await k.Kubectl.OkAsync("create", "clusterrole", name, "--verb=get,list", "--resource=secrets", "--resource-name=a"), Is.EqualTo($"clusterrole.rbac.authorization.k8s.io/{name} created\n"));
            Assert.That(await k.Kubectl.OkAsync("get", "clusterrole", name, "-o", "jsonpath={.rules[0].verbs}/{.rules[0].resourceNames}"), Is.EqualTo("[\"get\",\"list\"]/[\"a\"]"));
        }),
        new("CreateClusterRoleBinding_Protobuf_Created", "rbac.authorization.k8s.io/v1 ClusterRoleBinding (protobuf body)", async k =>
        {
            var name = "crb-" + k.Namespace;
            Assert.That(await k.Kubectl.OkAsync("create", "clusterrolebinding", name, "--clusterrole=view", "--user=alice"), Is.EqualTo($"clusterrolebinding.rbac.authorization.k8s.io/{name} created\n"));
        }),
        new("RbacEscalation_RoleWithUnheldPermission_Forbidden", RbacStorage, async k =>
        {
            using var dev = await RoleWriterAsync(k, "dev");
            var result = await dev.RunAsync("-n", k.Namespace, "create", "role", "grab", "--verb=get", "--resource=secrets");
            Assert.That(result.Stderr, Does.Contain("roles.rbac.authorization.k8s.io \"grab\" is forbidden: user \"dev\" (groups=[\"system:authenticated\"]) is attempting to grant RBAC permissions not currently held:")
                .And.Contain("{APIGroups:[\"\"], Resources:[\"secrets\"], Verbs:[\"get\"]}"));
        }),
        new("RbacEscalation_RoleWithHeldPermission_Allowed", RbacStorage, async k =>
        {
            using var dev = await RoleWriterAsync(k, "dev2");
            Assert.That(await dev.OkAsync("-n", k.Namespace, "create", "role", "same", "--verb=get", "--resource=configmaps"), Does.Contain("created"));
        }),
        new("RbacEscalation_BindingToUnheldRole_Forbidden", "pkg/registry/rbac/rolebinding/policybased/storage.go: bind or hold every permission", async k =>
        {
            using var dev = await RoleWriterAsync(k, "dev3");
            var result = await dev.RunAsync("-n", k.Namespace, "create", "rolebinding", "b", "--clusterrole=kubeconfig-generator", "--user=dev3");
            Assert.That(result.Stderr, Does.Contain("rolebindings.rbac.authorization.k8s.io \"b\" is forbidden: user \"dev3\"").And.Contain("is attempting to grant RBAC permissions not currently held"));
        }),
        new("RoleBinding_ChangeRoleRef_Invalid", "pkg/apis/rbac/validation ValidateRoleBindingUpdate: cannot change roleRef", async k =>
        {
            await k.OkAsync("create", "rolebinding", "rb", "--clusterrole=view", "--user=alice");
            await k.FailsAsync("The RoleBinding \"rb\" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:\"rbac.authorization.k8s.io\", Kind:\"ClusterRole\", Name:\"edit\"}: cannot change roleRef",
                "patch", "rolebinding", "rb", "--type=merge", "-p", """{"roleRef":{"name":"edit"}}""");
        }),
    ];

    /// <summary>A user allowed to write roles and rolebindings and to read configmaps in the session's namespace.</summary>
    private static async Task<KamajiKubeconfig.Sandbox.Tests.Kubectl.KubectlRunner> RoleWriterAsync(KubectlSession k, string user)
    {
        await k.OkWithInputAsync($"apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {{name: writer-{user}}}\nrules:\n- {{apiGroups: [rbac.authorization.k8s.io], resources: [roles, rolebindings], verbs: [create, get]}}\n- {{apiGroups: [''], resources: [configmaps], verbs: [get]}}\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {{name: writer-{user}}}\nroleRef: {{apiGroup: rbac.authorization.k8s.io, kind: Role, name: writer-{user}}}\nsubjects: [{{apiGroup: rbac.authorization.k8s.io, kind: User, name: {user}}}]\n", "apply", "-f", "-");
        return new KamajiKubeconfig.Sandbox.Tests.Kubectl.KubectlRunner(IndependentSuite.Server, IndependentSuite.Server.AddUser(user));
    }
}
