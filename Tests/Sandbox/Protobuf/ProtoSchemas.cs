namespace KamajiKubeconfig.Sandbox.Protobuf;

/// <summary>
/// Field numbers of the messages kubectl's typed clients send as protobuf (k8s.io/api generated.proto): Namespace,
/// Secret, ConfigMap, Lease, Event, SelfSubjectAccessReview, SelfSubjectRulesReview, SelfSubjectReview, the RBAC kinds
/// (kubectl create role|rolebinding|clusterrole|clusterrolebinding), Deployment, Service and PodDisruptionBudget as
/// kubectl create fills them, and their parts.
/// </summary>
public static class ProtoSchemas
{
    private static ProtoField S(string json) => new(json, ProtoKind.Text);

    private static ProtoField M(string json, string message, bool repeated = false) => new(json, ProtoKind.Message, repeated, message);

    public static IReadOnlyDictionary<string, Dictionary<int, ProtoField>> Messages { get; } = new Dictionary<string, Dictionary<int, ProtoField>>
    {
        ["ObjectMeta"] = new()
        {
            [1] = S("name"),
            [2] = S("generateName"),
            [3] = S("namespace"),
            [4] = S("selfLink"),
            [5] = S("uid"),
            [6] = S("resourceVersion"),
            [7] = new("generation", ProtoKind.Number),
            [8] = new("creationTimestamp", ProtoKind.Time),
            [9] = new("deletionTimestamp", ProtoKind.Time),
            [10] = new("deletionGracePeriodSeconds", ProtoKind.Number),
            [11] = new("labels", ProtoKind.MapStringString),
            [12] = new("annotations", ProtoKind.MapStringString),
            [13] = M("ownerReferences", "OwnerReference", true),
            [14] = new("finalizers", ProtoKind.Text, true),
        },
        ["OwnerReference"] = new()
        {
            [1] = S("kind"),
            [3] = S("name"),
            [4] = S("uid"),
            [5] = S("apiVersion"),
            [6] = new("controller", ProtoKind.Bool),
            [7] = new("blockOwnerDeletion", ProtoKind.Bool),
        },
        ["ServiceAccount"] = new() { [1] = M("metadata", "ObjectMeta") },
        ["Namespace"] = new() { [1] = M("metadata", "ObjectMeta"), [2] = M("spec", "NamespaceSpec"), [3] = M("status", "NamespaceStatus") },
        ["NamespaceSpec"] = new() { [1] = new("finalizers", ProtoKind.Text, true) },
        ["NamespaceStatus"] = new() { [1] = S("phase") },
        ["Secret"] = new()
        {
            [1] = M("metadata", "ObjectMeta"),
            [2] = new("data", ProtoKind.MapStringBytes),
            [3] = S("type"),
            [4] = new("stringData", ProtoKind.MapStringString),
            [5] = new("immutable", ProtoKind.Bool),
        },
        ["ConfigMap"] = new()
        {
            [1] = M("metadata", "ObjectMeta"),
            [2] = new("data", ProtoKind.MapStringString),
            [3] = new("binaryData", ProtoKind.MapStringBytes),
            [4] = new("immutable", ProtoKind.Bool),
        },
        ["Lease"] = new() { [1] = M("metadata", "ObjectMeta"), [2] = M("spec", "LeaseSpec") },
        ["LeaseSpec"] = new()
        {
            [1] = S("holderIdentity"),
            [2] = new("leaseDurationSeconds", ProtoKind.Number),
            [3] = new("acquireTime", ProtoKind.MicroTime),
            [4] = new("renewTime", ProtoKind.MicroTime),
            [5] = new("leaseTransitions", ProtoKind.Number),
            [6] = S("strategy"),
            [7] = S("preferredHolder"),
        },
        ["Event"] = new()
        {
            [1] = M("metadata", "ObjectMeta"),
            [2] = M("involvedObject", "ObjectReference"),
            [3] = S("reason"),
            [4] = S("message"),
            [5] = M("source", "EventSource"),
            [6] = new("firstTimestamp", ProtoKind.Time),
            [7] = new("lastTimestamp", ProtoKind.Time),
            [8] = new("count", ProtoKind.Number),
            [9] = S("type"),
            [10] = new("eventTime", ProtoKind.MicroTime),
            [12] = S("action"),
            [14] = S("reportingComponent"),
            [15] = S("reportingInstance"),
        },
        ["ObjectReference"] = new()
        {
            [1] = S("kind"),
            [2] = S("namespace"),
            [3] = S("name"),
            [4] = S("uid"),
            [5] = S("apiVersion"),
            [6] = S("resourceVersion"),
            [7] = S("fieldPath"),
        },
        ["EventSource"] = new() { [1] = S("component"), [2] = S("host") },
        ["SelfSubjectAccessReview"] = new() { [1] = M("metadata", "ObjectMeta"), [2] = M("spec", "SelfSubjectAccessReviewSpec") },
        ["SelfSubjectAccessReviewSpec"] = new() { [1] = M("resourceAttributes", "ResourceAttributes"), [2] = M("nonResourceAttributes", "NonResourceAttributes") },
        ["ResourceAttributes"] = new()
        {
            [1] = S("namespace"),
            [2] = S("verb"),
            [3] = S("group"),
            [4] = S("version"),
            [5] = S("resource"),
            [6] = S("subresource"),
            [7] = S("name"),
        },
        ["NonResourceAttributes"] = new() { [1] = S("path"), [2] = S("verb") },
        ["SelfSubjectRulesReview"] = new() { [1] = M("metadata", "ObjectMeta"), [2] = M("spec", "SelfSubjectRulesReviewSpec") },
        ["SelfSubjectRulesReviewSpec"] = new() { [1] = S("namespace") },
        ["Role"] = new() { [1] = M("metadata", "ObjectMeta"), [2] = M("rules", "PolicyRule", true) },
        ["ClusterRole"] = new() { [1] = M("metadata", "ObjectMeta"), [2] = M("rules", "PolicyRule", true) },
        ["PolicyRule"] = new()
        {
            [1] = new("verbs", ProtoKind.Text, true),
            [2] = new("apiGroups", ProtoKind.Text, true),
            [3] = new("resources", ProtoKind.Text, true),
            [4] = new("resourceNames", ProtoKind.Text, true),
            [5] = new("nonResourceURLs", ProtoKind.Text, true),
        },
        ["RoleBinding"] = new() { [1] = M("metadata", "ObjectMeta"), [2] = M("subjects", "Subject", true), [3] = M("roleRef", "RoleRef") },
        ["ClusterRoleBinding"] = new() { [1] = M("metadata", "ObjectMeta"), [2] = M("subjects", "Subject", true), [3] = M("roleRef", "RoleRef") },
        ["Subject"] = new() { [1] = S("kind"), [2] = S("apiGroup"), [3] = S("name"), [4] = S("namespace") },
        ["RoleRef"] = new() { [1] = S("apiGroup"), [2] = S("kind"), [3] = S("name") },
        ["SelfSubjectReview"] = new() { [1] = M("metadata", "ObjectMeta") },
        // apps/v1, core/v1 and policy/v1 as far as kubectl create deployment|service|pdb fills them.
        ["Deployment"] = new() { [1] = M("metadata", "ObjectMeta"), [2] = M("spec", "DeploymentSpec"), [3] = M("status", "Empty") },
        ["DeploymentSpec"] = new()
        {
            [1] = new("replicas", ProtoKind.Number),
            [2] = M("selector", "LabelSelector"),
            [3] = M("template", "PodTemplateSpec"),
            [4] = M("strategy", "DeploymentStrategy"),
            [5] = new("minReadySeconds", ProtoKind.Number),
            [6] = new("revisionHistoryLimit", ProtoKind.Number),
            [7] = new("paused", ProtoKind.Bool),
            [9] = new("progressDeadlineSeconds", ProtoKind.Number),
        },
        ["DeploymentStrategy"] = new() { [1] = S("type"), [2] = M("rollingUpdate", "RollingUpdateDeployment") },
        ["RollingUpdateDeployment"] = new() { [1] = new("maxUnavailable", ProtoKind.IntOrString), [2] = new("maxSurge", ProtoKind.IntOrString) },
        ["LabelSelector"] = new() { [1] = new("matchLabels", ProtoKind.MapStringString), [2] = M("matchExpressions", "LabelSelectorRequirement", true) },
        ["LabelSelectorRequirement"] = new() { [1] = S("key"), [2] = S("operator"), [3] = new("values", ProtoKind.Text, true) },
        ["PodTemplateSpec"] = new() { [1] = M("metadata", "ObjectMeta"), [2] = M("spec", "PodSpec") },
        ["PodSpec"] = new() { [2] = M("containers", "Container", true), [3] = S("restartPolicy"), [8] = S("serviceAccountName") },
        ["Container"] = new()
        {
            [1] = S("name"),
            [2] = S("image"),
            [3] = new("command", ProtoKind.Text, true),
            [4] = new("args", ProtoKind.Text, true),
            [6] = M("ports", "ContainerPort", true),
            [8] = M("resources", "Empty"),
        },
        ["ContainerPort"] = new() { [1] = S("name"), [2] = new("hostPort", ProtoKind.Number), [3] = new("containerPort", ProtoKind.Number), [4] = S("protocol") },
        ["Service"] = new() { [1] = M("metadata", "ObjectMeta"), [2] = M("spec", "ServiceSpec"), [3] = M("status", "Empty") },
        ["ServiceSpec"] = new()
        {
            [1] = M("ports", "ServicePort", true),
            [2] = new("selector", ProtoKind.MapStringString),
            [3] = S("clusterIP"),
            [4] = S("type"),
            [10] = S("externalName"),
        },
        ["ServicePort"] = new()
        {
            [1] = S("name"),
            [2] = S("protocol"),
            [3] = new("port", ProtoKind.Number),
            [4] = new("targetPort", ProtoKind.IntOrString),
            [5] = new("nodePort", ProtoKind.Number),
        },
        ["PodDisruptionBudget"] = new() { [1] = M("metadata", "ObjectMeta"), [2] = M("spec", "PodDisruptionBudgetSpec"), [3] = M("status", "Empty") },
        ["PodDisruptionBudgetSpec"] = new()
        {
            [1] = new("minAvailable", ProtoKind.IntOrString),
            [2] = M("selector", "LabelSelector"),
            [3] = new("maxUnavailable", ProtoKind.IntOrString),
        },
        ["Empty"] = new(),
        ["DeleteOptions"] = new()
        {
            [1] = new("gracePeriodSeconds", ProtoKind.Number),
            [2] = M("preconditions", "Preconditions"),
            [3] = new("orphanDependents", ProtoKind.Bool),
            [4] = S("propagationPolicy"),
            [5] = new("dryRun", ProtoKind.Text, true),
        },
        ["Preconditions"] = new() { [1] = S("uid"), [2] = S("resourceVersion") },
    };
}
