namespace KamajiKubeconfig.Reconcile;

/// <summary>
/// Everything the issuer needs to write one kubeconfig: policy (subject, key type, validity window) is decided
/// here so the issuer only does cryptography and formatting.
/// </summary>
public sealed record IssueRequest(
    Identity Identity,
    KeyAlgorithm KeyAlgorithm,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    KubeconfigCluster Cluster,
    string GeneratorName,
    CertificateAuthority CertificateAuthority);
