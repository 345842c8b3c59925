namespace KamajiKubeconfig.Sandbox.Api;

/// <summary>The built-in resources the sandbox serves (A1).</summary>
public static class BuiltInTypes
{
    public static ResourceType Namespaces { get; } = new()
    {
        Group = "",
        Version = "v1",
        Plural = "namespaces",
        Singular = "namespace",
        Kind = "Namespace",
        Namespaced = false,
        ShortNames = ["ns"],
        StorageKey = "/namespaces",
        HasStatusSubresource = true,
        ExtraFieldSelectors = ["status.phase", "name"],
        UsesFieldLabelNotSupportedMessage = true,
        Verbs = ["create", "delete", "get", "list", "patch", "update", "watch"],
        PrinterColumns = [new("Status", "string", ".status.phase", "The status of the namespace")],
    };

    public static ResourceType Secrets { get; } = new()
    {
        Group = "",
        Version = "v1",
        Plural = "secrets",
        Singular = "secret",
        Kind = "Secret",
        Namespaced = true,
        StorageKey = "/secrets",
        ExtraFieldSelectors = ["type"],
        UsesFieldLabelNotSupportedMessage = true,
        PrinterColumns = [new("Type", "string", ".type", "The type of the secret"), new("Data", "string", "#datacount", "The number of keys in the data")],
    };

    public static ResourceType ConfigMaps { get; } = new()
    {
        Group = "",
        Version = "v1",
        Plural = "configmaps",
        Singular = "configmap",
        Kind = "ConfigMap",
        Namespaced = true,
        ShortNames = ["cm"],
        StorageKey = "/configmaps",
        PrinterColumns = [new("Data", "string", "#datacount", "The number of keys in the data")],
    };

    public static ResourceType CoreEvents { get; } = new()
    {
        Group = "",
        Version = "v1",
        Plural = "events",
        Singular = "event",
        Kind = "Event",
        Namespaced = true,
        ShortNames = ["ev"],
        StorageKey = "/events",
        CreateOnUpdate = true,
        UsesFieldLabelNotSupportedMessage = true,
        PrinterColumns =
        [
            new("Last Seen", "string", "#lastseen"),
            new("Type", "string", ".type"),
            new("Reason", "string", ".reason"),
            new("Object", "string", "#involvedobject"),
            new("Subobject", "string", ".involvedObject.fieldPath", Priority: 1),
            new("Source", "string", ".source.component", Priority: 1),
            new("Message", "string", ".message"),
            new("First Seen", "string", "#firstseen", Priority: 1),
            new("Count", "string", ".count", Priority: 1),
            new("Name", "string", "#name", Priority: 1),
        ],
        ExtraFieldSelectors =
        [
            "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
            "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath",
            "reason", "reportingComponent", "source", "type",
        ],
    };

    public static ResourceType EventsV1 { get; } = new()
    {
        Group = "events.k8s.io",
        Version = "v1",
        Plural = "events",
        Singular = "event",
        Kind = "Event",
        Namespaced = true,
        ShortNames = ["ev"],
        StorageKey = "/events",
        CreateOnUpdate = true,
        FromStorage = EventConversion.CoreToEventsV1,
        ToStorage = EventConversion.EventsV1ToCore,
        PrinterColumns = CoreEvents.PrinterColumns,
    };

    public static ResourceType Leases { get; } = new()
    {
        Group = "coordination.k8s.io",
        Version = "v1",
        Plural = "leases",
        Singular = "lease",
        Kind = "Lease",
        Namespaced = true,
        StorageKey = "coordination.k8s.io/leases",
        RequiresResourceVersionOnUpdate = true,
        CreateOnUpdate = true,
        PrinterColumns = [new("Holder", "string", ".spec.holderIdentity", "")],
    };

    public static ResourceType CustomResourceDefinitions { get; } = new()
    {
        Group = "apiextensions.k8s.io",
        Version = "v1",
        Plural = "customresourcedefinitions",
        Singular = "customresourcedefinition",
        Kind = "CustomResourceDefinition",
        Namespaced = false,
        ShortNames = ["crd", "crds"],
        Categories = ["api-extensions"],
        StorageKey = "apiextensions.k8s.io/customresourcedefinitions",
        HasStatusSubresource = true,
        TracksGeneration = true,
        RequiresResourceVersionOnUpdate = false,
        // apiserver's default table convertor: the creation time as an RFC3339 timestamp, not an age.
        PrinterColumns = [new("Created At", "date", "#createdat", "")],
    };

    public static ResourceType SelfSubjectAccessReviews { get; } = new()
    {
        Group = "authorization.k8s.io",
        Version = "v1",
        Plural = "selfsubjectaccessreviews",
        Singular = "selfsubjectaccessreview",
        Kind = "SelfSubjectAccessReview",
        Namespaced = false,
        StorageKey = "authorization.k8s.io/selfsubjectaccessreviews",
        Verbs = ["create"],
    };

    public static ResourceType SelfSubjectRulesReviews { get; } = new()
    {
        Group = "authorization.k8s.io",
        Version = "v1",
        Plural = "selfsubjectrulesreviews",
        Singular = "selfsubjectrulesreview",
        Kind = "SelfSubjectRulesReview",
        Namespaced = false,
        StorageKey = "authorization.k8s.io/selfsubjectrulesreviews",
        Verbs = ["create"],
    };

    public static ResourceType SelfSubjectReviews { get; } = new()
    {
        Group = "authentication.k8s.io",
        Version = "v1",
        Plural = "selfsubjectreviews",
        Singular = "selfsubjectreview",
        Kind = "SelfSubjectReview",
        Namespaced = false,
        StorageKey = "authentication.k8s.io/selfsubjectreviews",
        Verbs = ["create"],
    };

    // Stored as they are, without behaviour: so a project's deployment manifests (ServiceAccount, Service,
    // Deployment, PodDisruptionBudget) can be applied to the sandbox too.
    public static ResourceType ServiceAccounts { get; } = new()
    {
        Group = "",
        Version = "v1",
        Plural = "serviceaccounts",
        Singular = "serviceaccount",
        Kind = "ServiceAccount",
        Namespaced = true,
        ShortNames = ["sa"],
        StorageKey = "/serviceaccounts",
    };

    public static ResourceType Services { get; } = new()
    {
        Group = "",
        Version = "v1",
        Plural = "services",
        Singular = "service",
        Kind = "Service",
        Namespaced = true,
        ShortNames = ["svc"],
        Categories = ["all"],
        StorageKey = "/services",
    };

    public static ResourceType Deployments { get; } = new()
    {
        Group = "apps",
        Version = "v1",
        Plural = "deployments",
        Singular = "deployment",
        Kind = "Deployment",
        Namespaced = true,
        ShortNames = ["deploy"],
        Categories = ["all"],
        StorageKey = "apps/deployments",
        TracksGeneration = true,
    };

    // The real printer's columns; an absent min/max prints N/A and an absent status 0 allowed disruptions, as
    // the real server (which stores a zero status on create) would show them.
    public static ResourceType PodDisruptionBudgets { get; } = new()
    {
        Group = "policy",
        Version = "v1",
        Plural = "poddisruptionbudgets",
        Singular = "poddisruptionbudget",
        Kind = "PodDisruptionBudget",
        Namespaced = true,
        ShortNames = ["pdb"],
        StorageKey = "policy/poddisruptionbudgets",
        HasStatusSubresource = true,
        TracksGeneration = true,
        PrinterColumns =
        [
            new("Min Available", "string", ".spec.minAvailable", "The minimum number or percentage of available pods this budget requires.", WhenAbsent: "N/A"),
            new("Max Unavailable", "string", ".spec.maxUnavailable", "The maximum number or percentage of unavailable pods this budget requires.", WhenAbsent: "N/A"),
            new("Allowed Disruptions", "integer", ".status.disruptionsAllowed", "The number of pod disruptions that are currently allowed.", WhenAbsent: 0),
        ],
    };

    public static IReadOnlyList<ResourceType> All { get; } =
    [
        Namespaces, Secrets, ConfigMaps, CoreEvents, ServiceAccounts, Services, EventsV1, Leases, Deployments,
        PodDisruptionBudgets, CustomResourceDefinitions, SelfSubjectAccessReviews, SelfSubjectRulesReviews, SelfSubjectReviews,
    ];

    /// <summary>Kinds with a metav1.MicroTime field, parsed strictly (A2, B13-8): the JSON path of each.</summary>
    public static IReadOnlyList<string[]> MicroTimeFields(ResourceType type) => type.StorageKey switch
    {
        "coordination.k8s.io/leases" => [["spec", "acquireTime"], ["spec", "renewTime"]],
        "/events" => [["eventTime"], ["series", "lastObservedTime"]],
        _ => [],
    };

}
