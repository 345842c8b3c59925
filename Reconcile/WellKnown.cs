namespace KamajiKubeconfig.Reconcile;

/// <summary>Names shared with Kamaji: labels, annotations, keys and API coordinates users and scripts rely on.</summary>
public static class WellKnown
{
    public const string Group = "kamaji.clastix.io";
    public const string Version = "v1alpha1";
    public const string ApiVersion = Group + "/" + Version;
    public const string GeneratorKind = "KubeconfigGenerator";
    public const string GeneratorPlural = "kubeconfiggenerators";
    public const string TenantControlPlaneKind = "TenantControlPlane";
    public const string TenantControlPlanePlural = "tenantcontrolplanes";

    public const string ManagedByLabel = "kamaji.clastix.io/managed-by";
    public const string ManagedForLabel = "kamaji.clastix.io/managed-for";
    public const string LifecycleLabel = "kamaji.clastix.io/certificate_lifecycle_controller";
    public const string LifecycleLabelValue = "kubeconfig";
    public const string ComponentLabel = "kamaji.clastix.io/component";

    public const string PausedAnnotation = "kamaji.clastix.io/paused";
    public const string RotateAnnotation = "certs.kamaji.clastix.io/rotate";

    /// <summary>Data key of the generated Secret that holds the kubeconfig.</summary>
    public const string ValueKey = "value";
    public const string DefaultEndpointKey = "admin.svc";
    public const string CaCertificateKey = "ca.crt";
    public const string CaPrivateKeyKey = "ca.key";

    /// <summary>Ours, not Kamaji's: keeps the generator until its Secrets are gone (docs/behaviour.md B3).</summary>
    public const string Finalizer = "kubeconfig-generator.kamaji.clastix.io/cleanup";

    public const string ReadyCondition = "Ready";
}
