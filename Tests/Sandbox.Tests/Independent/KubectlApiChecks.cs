namespace KamajiKubeconfig.Sandbox.Tests.Independent;

/// <summary>kubectl checks of reads, writes, printing and errors (cites: kube-apiserver sources and API docs).</summary>
public static class KubectlApiChecks
{
    private const string Printers = "pkg/printers/internalversion/printers.go";

    public static IReadOnlyList<KubectlCheck> All { get; } =
    [
        new("Get_Secrets_TypeAndDataColumns", $"{Printers} secretColumnDefinitions", async k =>
        {
            await k.OkAsync("create", "secret", "generic", "s", "--from-literal=a=b");
            Assert.That(await k.OkAsync("get", "secrets"), Does.Match(@"NAME\s+TYPE\s+DATA\s+AGE\s*\ns\s+Opaque\s+1\s+\d+s"));
        }),
        new("Get_ConfigMaps_DataColumn", $"{Printers} configMapColumnDefinitions", async k =>
        {
            await k.OkAsync("create", "configmap", "c", "--from-literal=a=b", "--from-literal=c=d");
            Assert.That(await k.OkAsync("get", "configmaps", "c"), Does.Match(@"NAME\s+DATA\s+AGE\s*\nc\s+2\s+\d+s"));
        }),
        new("Get_Namespace_StatusColumn", $"{Printers} namespaceColumnDefinitions", async k =>
            Assert.That(await k.OkAsync("get", "namespace", k.Namespace), Does.Match(@"NAME\s+STATUS\s+AGE\s*\n\S+\s+Active\s+\d+s"))),
        new("Get_Crd_CreatedAtIsTimestamp", "apiserver registry/rest/table.go defaultTableConvertor: Created At is RFC3339", async k =>
            Assert.That(await k.OkAsync("get", "crd", "kubeconfiggenerators.kamaji.clastix.io"),
                Does.Match(@"NAME\s+CREATED AT\s*\nkubeconfiggenerators\.kamaji\.clastix\.io\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"))),
        new("Get_Roles_CreatedAtIsTimestamp", $"{Printers} roleColumnDefinitions", async k =>
        {
            await k.OkWithInputAsync(Role("r"), "apply", "-f", "-");
            Assert.That(await k.OkAsync("get", "roles"), Does.Match(@"NAME\s+CREATED AT\s*\nr\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"));
        }),
        new("Get_RoleBindings_RoleColumn", $"{Printers} roleBindingsColumnDefinitions", async k =>
        {
            await k.OkWithInputAsync(RoleBinding("rb", "view"), "apply", "-f", "-");
            Assert.That(await k.OkAsync("get", "rolebindings"), Does.Match(@"NAME\s+ROLE\s+AGE\s*\nrb\s+ClusterRole/view\s+\d+s"));
            Assert.That(await k.OkAsync("get", "rolebindings", "-o", "wide"), Does.Match(@"NAME\s+ROLE\s+AGE\s+USERS\s+GROUPS\s+SERVICEACCOUNTS\s*\nrb\s+ClusterRole/view\s+\d+s\s+alice"));
        }),
        new("Get_EventsV1_EventColumns", $"{Printers} eventColumnDefinitions (events.k8s.io Events print as core Events)", async k =>
        {
            await k.OkWithInputAsync(CoreEvent("e", k.Namespace), "create", "-f", "-");
            Assert.That(await k.OkAsync("get", "events.events.k8s.io"), Does.Match(@"LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE\s*\n\S+\s+Normal\s+Tested\s+configmap/c\s+hello"));
        }),
        new("Get_KubeconfigGenerators_PrinterColumns", "apiextensions additionalPrinterColumns of the shipped CRD", async k =>
        {
            await k.OkWithInputAsync(Generator("g1"), "apply", "--server-side", "-f", "-");
            Assert.That(await k.OkAsync("get", "kc", "g1"), Does.Match(@"NAME\s+RESOURCES\s+AVAILABLE\s+READY\s+AGE\s*\ng1\s"));
            await k.OkAsync("delete", "kc", "g1");
        }),
        new("Create_Secret_Generic", "core/v1 Secrets via kubectl's typed client (protobuf request)", async k =>
            Assert.That(await k.OkAsync("create", "secret", "generic", "s", "--from-literal=k=v"), Is.EqualTo("secret/s created\n"))),
        new("CreateDeployment_Protobuf_Created", "apps/v1 Deployment from kubectl's typed client (protobuf body)", async k =>
        {
            Assert.That(await k.OkAsync("create", "deployment", "d", "--image=img:1", "--replicas=3", "--port=8080"), Is.EqualTo("deployment.apps/d created\n"));
            Assert.That(await k.OkAsync("get", "deployment", "d", "-o", "jsonpath={.spec.replicas}/{.spec.selector.matchLabels.app}/{.spec.template.spec.containers[0].ports[0].containerPort}"),
                Is.EqualTo("3/d/8080"));
        }),
        new("CreateService_Protobuf_Created", "core/v1 Service (protobuf body; targetPort an IntOrString)", async k =>
        {
            Assert.That(await k.OkAsync("create", "service", "clusterip", "s", "--tcp=80:8080", "--tcp=443:https"), Is.EqualTo("service/s created\n"));
            Assert.That(await k.OkAsync("get", "service", "s", "-o", "jsonpath={.spec.ports[0].targetPort}/{.spec.ports[1].targetPort}/{.spec.type}"), Is.EqualTo("8080/https/ClusterIP"));
        }),
        new("CreatePdb_Protobuf_Created", "policy/v1 PodDisruptionBudget (protobuf body)", async k =>
        {
            Assert.That(await k.OkAsync("create", "pdb", "p", "--selector=app=x", "--min-available=50%"), Is.EqualTo("poddisruptionbudget.policy/p created\n"));
            Assert.That(await k.OkAsync("get", "pdb", "p", "-o", "jsonpath={.spec.minAvailable}/{.spec.selector.matchLabels.app}"), Is.EqualTo("50%/x"));
        }),
        new("Create_Secret_OverOneMebibyte_TooLong", "pkg/apis/core/validation ValidateSecret: core.MaxSecretSize", async k =>
        {
            var file = Path.Combine(Directory.CreateTempSubdirectory().FullName, "big");
            await File.WriteAllBytesAsync(file, new byte[(1024 * 1024) + 1]);
            await k.FailsAsync("Secret \"big\" is invalid: data: Too long: must have at most 1048576 bytes", "create", "secret", "generic", "big", "--from-file=" + file);
        }),
        new("Create_TlsSecretMissingKeys_ListsEachCause", "apimachinery NewInvalid: kubectl prints one line per cause (field: body)", async k =>
        {
            var stderr = (await k.Kubectl.RunWithInputAsync(TlsSecret("t"), "-n", k.Namespace, "create", "-f", "-")).Stderr;
            Assert.That(stderr, Does.Contain("The Secret \"t\" is invalid: \n* data[tls.crt]: Required value\n* data[tls.key]: Required value"));
        }),
        new("Create_UnknownField_StrictDecodingError", "apiserver fieldValidation=Strict (kubectl's default): strict decoding error", async k =>
            await k.FailsWithInputAsync("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\nbogus: 1\n",
                "ConfigMap in version \"v1\" cannot be handled as a ConfigMap: strict decoding error: unknown field \"bogus\"", "create", "-f", "-")),
        new("Create_QuotedNumber_DecodingError", "sigs.k8s.io/json (encoding/json) UnmarshalTypeError, wrapped as \"cannot be handled as\"", async k =>
            await k.FailsWithInputAsync("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec:\n      securityContext: {runAsUser: \"1654\"}\n      containers: [{name: c, image: i}]\n",
                "Deployment in version \"v1\" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field PodSecurityContext.spec.template.spec.securityContext.runAsUser of type int64",
                "create", "-f", "-")),
        new("Create_List_ValidatedAgainstOpenApiV2", "kube-openapi /openapi/v2 (gnostic protobuf): kubectl validates a kind: List client-side", async k =>
        {
            var list = "apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: l1}}\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: l2}}\n";
            Assert.That(await k.OkWithInputAsync(list, "create", "-f", "-"), Is.EqualTo("configmap/l1 created\nconfigmap/l2 created\n"));
            await k.FailsWithInputAsync("apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: l3}, bogus: 1}\n",
                "ValidationError(ConfigMap): unknown field \"bogus\" in io.k8s.api.core.v1.ConfigMap", "create", "-f", "-");
        }),
        new("ExplainOpenApiV2_SecretData", "/openapi/v2 definitions (kubectl explain --output=plaintext-openapiv2)", async k =>
            Assert.That(await k.OkAsync("explain", "secret.data", "--output=plaintext-openapiv2"), Does.Contain("FIELD:    data <map[string]string>"))),
        new("Get_Missing_NotFoundMessage", "apimachinery NewNotFound: configmaps \"x\" not found", async k =>
            await k.FailsAsync("Error from server (NotFound): configmaps \"nope\" not found", "get", "configmap", "nope")),
        new("Create_Twice_AlreadyExistsMessage", "apimachinery NewAlreadyExists", async k =>
        {
            await k.OkAsync("create", "configmap", "c");
            await k.FailsAsync("configmaps \"c\" already exists", "create", "configmap", "c");
        }),
        new("Patch_JsonTestFails_GenericInvalid", "apiserver handlers/patch.go: failed JSON patch is a generic 422", async k =>
        {
            await k.OkAsync("create", "configmap", "c", "--from-literal=a=b");
            await k.FailsAsync("The request is invalid: the server rejected our request due to an error in our request",
                "patch", "configmap", "c", "--type=json", "-p", """[{"op":"test","path":"/data/a","value":"x"}]""");
        }),
        new("Patch_Merge_Applies", "apiserver handlers/patch.go: JSON merge patch", async k =>
        {
            await k.OkAsync("create", "configmap", "c", "--from-literal=a=b");
            await k.OkAsync("patch", "configmap", "c", "--type=merge", "-p", """{"data":{"a":"z"}}""");
            Assert.That(await k.OkAsync("get", "configmap", "c", "-o", "jsonpath={.data.a}"), Is.EqualTo("z"));
        }),
        new("Patch_Strategic_Applies", "apiserver handlers/patch.go: strategic merge patch (kubectl's default type)", async k =>
        {
            await k.OkAsync("create", "configmap", "c", "--from-literal=a=b");
            await k.OkAsync("patch", "configmap", "c", "-p", """{"metadata":{"labels":{"x":"y"}}}""");
            Assert.That(await k.OkAsync("get", "configmap", "c", "-o", "jsonpath={.metadata.labels.x}"), Is.EqualTo("y"));
        }),
        new("Create_ManagedFields_DotForCreatedMap", "structured-merge-diff Update operation: the created data map is owned (\".\")", async k =>
        {
            await k.OkAsync("create", "configmap", "c", "--from-literal=a=b");
            var fields = KubectlChecks.Json(await k.OkAsync("get", "configmap", "c", "-o", "json", "--show-managed-fields"), "metadata", "managedFields", "0", "fieldsV1");
            Assert.That(fields!.ToJsonString(), Is.EqualTo("""{"f:data":{".":{},"f:a":{}}}"""));
        }),
        new("ApplyServerSide_ManagedFields_ApplyByKubectl", "structured-merge-diff Apply operation recorded for manager kubectl", async k =>
        {
            await k.OkWithInputAsync("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n", "apply", "--server-side", "-f", "-");
            var entry = KubectlChecks.Json(await k.OkAsync("get", "configmap", "c", "-o", "json", "--show-managed-fields"), "metadata", "managedFields", "0");
            Assert.That(entry!.ToJsonString(), Does.Contain("\"manager\":\"kubectl\",\"operation\":\"Apply\"").And.Contain("\"fieldsV1\":{\"f:data\":{\"f:a\":{}}}"));
        }),
        new("DiffServerSide_Unchanged_ExitsZero", "apiserver dryRun=All keeps the live resourceVersion, so kubectl diff sees no change", async k =>
        {
            const string yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n";
            await k.OkWithInputAsync(yaml, "apply", "--server-side", "-f", "-");
            var diff = await k.Kubectl.RunWithInputAsync(yaml, "-n", k.Namespace, "diff", "--server-side", "-f", "-");
            Assert.That(diff.ExitCode, Is.Zero, diff.Stdout + diff.Stderr);
        }),
        new("DiffServerSide_UnchangedGenerator_ExitsZero", "apiserver dryRun=All on a custom resource keeps the live resourceVersion", async k =>
        {
            var yaml = Generator("diff-" + k.Namespace);
            await k.OkWithInputAsync(yaml, "apply", "--server-side", "-f", "-");
            var diff = await k.Kubectl.RunWithInputAsync(yaml, "diff", "--server-side", "-f", "-");
            await k.Kubectl.OkAsync("delete", "kc", "diff-" + k.Namespace);
            Assert.That(diff.ExitCode, Is.Zero, diff.Stdout + diff.Stderr);
        }),
        new("ApplyServerSide_Unchanged_NoNewResourceVersion", "apiserver: an update that changes nothing is not written (no new resourceVersion)", async k =>
        {
            const string yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n";
            await k.OkWithInputAsync(yaml, "apply", "--server-side", "-f", "-");
            var before = await k.OkAsync("get", "configmap", "c", "-o", "jsonpath={.metadata.resourceVersion}");
            await k.OkWithInputAsync(yaml, "apply", "--server-side", "-f", "-");
            Assert.That(await k.OkAsync("get", "configmap", "c", "-o", "jsonpath={.metadata.resourceVersion}"), Is.EqualTo(before));
        }),
        new("DiffServerSide_Changed_ExitsOne", "kubectl diff exits 1 when the server-side dry run differs", async k =>
        {
            await k.OkWithInputAsync("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n", "apply", "--server-side", "-f", "-");
            var diff = await k.Kubectl.RunWithInputAsync("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: z}\n", "-n", k.Namespace, "diff", "--server-side", "-f", "-");
            Assert.That(diff.ExitCode, Is.EqualTo(1), diff.Stderr);
            Assert.That(diff.Stdout, Does.Contain("+  a: z"));
        }),
        new("CreateDryRunServer_NotPersisted", "apiserver dryRun=All: validated, never stored", async k =>
        {
            Assert.That(await k.OkAsync("create", "configmap", "c", "--dry-run=server"), Is.EqualTo("configmap/c created (server dry run)\n"));
            await k.FailsAsync("not found", "get", "configmap", "c");
        }),
        new("Get_ChunkSize_ListsAll", "apiserver list limit/continue (kubectl --chunk-size)", async k =>
        {
            for (var i = 0; i < 3; i++)
            {
                await k.OkAsync("create", "configmap", $"c{i}");
            }
            Assert.That(await k.OkAsync("get", "configmaps", "--chunk-size=1", "-o", "name"), Is.EqualTo("configmap/c0\nconfigmap/c1\nconfigmap/c2\n"));
        }),
        new("Get_UnknownFieldSelector_Message", "apimachinery runtime DefaultMetaV1FieldSelectorConversion", async k =>
            await k.FailsAsync("\"bogus\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"", "get", "configmaps", "--field-selector", "bogus=1")),
        new("Get_Watch_PrintsAddedRows", "apiserver watch with as=Table: one row per event", async k =>
        {
            await k.OkAsync("create", "configmap", "w0");
            var lines = await k.Kubectl.ReadLinesAsync(l => l.Any(x => x.StartsWith("w1", StringComparison.Ordinal)),
                () => k.OkAsync("create", "configmap", "w1"), "-n", k.Namespace, "get", "configmaps", "-w");
            Assert.That(lines[0], Does.Match(@"NAME\s+DATA\s+AGE"));
        }),
        new("Delete_Namespace_Terminates", "pkg/registry/core/namespace: delete sets Terminating, the controller finishes it", async k =>
            Assert.That(await k.OkAsync("delete", "namespace", k.Namespace, "--wait=true", "--timeout=20s"), Does.Contain("deleted"))),
        new("DeleteNamespace_StuckOnFinalizer_ReportsConditions", "pkg/controller/namespace/deletion namespace_condition_utils.go", async k =>
        {
            await k.OkWithInputAsync("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: held, finalizers: [example.com/hold]}\n", "create", "-f", "-");
            await k.Kubectl.OkAsync("delete", "namespace", k.Namespace, "--wait=false");
            const string query = "jsonpath={range .status.conditions[*]}{.type}={.status}:{.reason}:{.message}{\"\\n\"}{end}";
            var expected = new[]
            {
                "NamespaceContentRemaining=True:SomeResourcesRemain:Some resources are remaining: configmaps. has 1 resource instances",
                "NamespaceFinalizersRemaining=True:SomeFinalizersRemain:Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances",
                "NamespaceDeletionContentFailure=False:ContentDeleted:All content successfully deleted, may be waiting on finalization",
            };
            var conditions = "";
            for (var deadline = DateTime.UtcNow.AddSeconds(10); DateTime.UtcNow < deadline && !expected.All(conditions.Contains); await Task.Delay(100))
            {
                conditions = await k.Kubectl.OkAsync("get", "namespace", k.Namespace, "-o", query);
            }
            Assert.That(conditions, Does.Contain(expected[0]).And.Contain(expected[1]).And.Contain(expected[2]));
            await k.OkAsync("patch", "configmap", "held", "--type=merge", "-p", """{"metadata":{"finalizers":null}}""");
        }),
        new("Version_ServerIs132", "/version: version.Info", async k =>
            Assert.That(KubectlChecks.Json(await k.OkAsync("version", "-o", "json"), "serverVersion", "gitVersion")!.GetValue<string>(), Does.Match(@"^v1\.32\.\d+$"))),
        new("ApiResources_ListsShippedCrds", "discovery: APIResourceList of the shipped CRDs", async k =>
            Assert.That(await k.OkAsync("api-resources", "--api-group=kamaji.clastix.io"),
                Does.Match(@"kubeconfiggenerators\s+kc\s+kamaji\.clastix\.io/v1alpha1\s+false\s+KubeconfigGenerator"))),
        new("Explain_SecretData", "/openapi/v3 schemas of built-in kinds (kubectl explain)", async k =>
            Assert.That(await k.OkAsync("explain", "secret.data"), Does.Contain("KIND:       Secret").And.Contain("FIELD: data <map[string]string>"))),
        new("Explain_TcpMetadataLabels", "/openapi/v3: custom resources carry ObjectMeta", async k =>
            Assert.That(await k.OkAsync("explain", "tcp.metadata.labels"), Does.Contain("FIELD: labels <map[string]string>"))),
        new("Explain_KcSpecUser", "/openapi/v3: the CRD's structural schema", async k =>
            Assert.That(await k.OkAsync("explain", "kc.spec.user"), Does.Contain("FIELD: user <Object>").And.Contain("stringValue"))),
        new("Apply_Lease_MicroTimeInUtc", "apimachinery meta/v1 micro_time.go MarshalJSON: UTC", async k =>
        {
            await k.OkWithInputAsync("apiVersion: coordination.k8s.io/v1\nkind: Lease\nmetadata: {name: l}\nspec: {holderIdentity: me, renewTime: '2024-05-01T12:00:00.000001+02:00'}\n", "apply", "--server-side", "-f", "-");
            Assert.That(await k.OkAsync("get", "lease", "l", "-o", "jsonpath={.spec.renewTime}"), Is.EqualTo("2024-05-01T10:00:00.000001Z"));
        }),
        new("CreateCrd_RuleThatDoesNotCompile_Invalid", "apiextensions validation: every x-kubernetes-validations rule is compiled when the CRD is written", async k =>
        {
            var crd = $"apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {{name: bads.{k.Namespace}.example.com}}\nspec:\n  group: {k.Namespace}.example.com\n  names: {{kind: Bad, plural: bads}}\n  scope: Cluster\n  versions:\n  - name: v1\n    served: true\n    storage: true\n    schema:\n      openAPIV3Schema:\n        type: object\n        properties:\n          spec:\n            type: object\n            x-kubernetes-validations: [{{rule: 'undefinedFunction(self)'}}]\n";
            await k.FailsWithInputAsync(crd, "spec.versions[0].schema.openAPIV3Schema.properties[spec].x-kubernetes-validations[0].rule: Invalid value: ", "create", "-f", "-");
            await k.FailsWithInputAsync(crd, "compilation failed: ", "create", "-f", "-");
            await k.FailsWithInputAsync(crd, "undeclared reference to 'undefinedFunction'", "create", "-f", "-");
        }),
        new("Create_EventsV1MissingFields_Invalid", "pkg/apis/events/validation ValidateEventCreate", async k =>
            await k.FailsWithInputAsync("apiVersion: events.k8s.io/v1\nkind: Event\nmetadata: {name: e}\n", "reportingController: Required value", "create", "-f", "-")),
    ];

    private static string Role(string name) =>
        $"apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {{name: {name}}}\nrules: [{{apiGroups: [''], resources: [configmaps], verbs: [get]}}]\n";

    private static string RoleBinding(string name, string clusterRole) =>
        $"apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {{name: {name}}}\nroleRef: {{apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: {clusterRole}}}\nsubjects: [{{apiGroup: rbac.authorization.k8s.io, kind: User, name: alice}}]\n";

    private static string CoreEvent(string name, string ns) =>
        $"apiVersion: v1\nkind: Event\nmetadata: {{name: {name}}}\ninvolvedObject: {{kind: ConfigMap, name: c, namespace: {ns}}}\nreason: Tested\nmessage: hello\ntype: Normal\nlastTimestamp: '2024-05-01T12:00:00Z'\n";

    private static string Generator(string name) =>
        $"apiVersion: kamaji.clastix.io/v1alpha1\nkind: KubeconfigGenerator\nmetadata: {{name: {name}}}\nspec: {{user: {{stringValue: u}}}}\n";

    private static string TlsSecret(string name) => $"apiVersion: v1\nkind: Secret\nmetadata: {{name: {name}}}\ntype: kubernetes.io/tls\ndata: {{}}\n";
}
