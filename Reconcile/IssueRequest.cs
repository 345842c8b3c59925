namespace KamajiKubeconfig.Reconcile;

/// <summary>
/// Everything the issuer needs to write one kubeconfig: policy (subject, key type, validity window) is decided
/// here so the issuer only does cryptography and formatting. <see cref="CaSecret"/> and
/// <see cref="CaResourceVersion"/> name the CA Secret it was read from, so the issued kubeconfig can be remembered
/// under the same <see cref="ValidityKey"/> the next pass will look up.
/// </summary>
public sealed record IssueRequest(
    Identity Identity,
    KeyAlgorithm KeyAlgorithm,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    KubeconfigCluster Cluster,
    string GeneratorName,
    CertificateAuthority CertificateAuthority,
    ObjectRef CaSecret,
    string CaResourceVersion)
{
    /// <summary>The key under which a pass inspects the Secret holding this request's kubeconfig at <paramref name="resourceVersion"/>.</summary>
    public ValidityKey ValidityKeyFor(ObjectRef secret, string resourceVersion) =>
        new(secret, resourceVersion, CaSecret, CaResourceVersion, Cluster, GeneratorName, Identity, KeyAlgorithm);
}
