namespace KamajiKubeconfig.Reconcile;

/// <summary>The parts of a kubeconfig file this controller reads and writes.</summary>
public sealed record Kubeconfig(
    EquatableList<KubeconfigCluster> Clusters,
    EquatableList<KubeconfigUser> Users,
    EquatableList<KubeconfigContext> Contexts,
    string? CurrentContext)
{
    /// <summary>
    /// Paths of fields the controller never writes (e.g. <c>users[0].user.exec</c>, <c>users[0].user.token</c>):
    /// a generated kubeconfig carrying any is not ours any more (docs/behaviour.md B8).
    /// </summary>
    public EquatableList<string> UnexpectedFields { get; init; } = EquatableList<string>.Empty;
}

/// <summary>
/// A cluster entry; the generated kubeconfig copies the template's unchanged. <see cref="CertificateAuthorityData"/>
/// is held decoded (PEM, or a digest of it in a cached generated kubeconfig) and written as base64 again, as clientcmd
/// does.
/// </summary>
public sealed record KubeconfigCluster(
    string Name,
    string? Server,
    Blob? CertificateAuthorityData,
    string? TlsServerName,
    string? ProxyUrl,
    bool InsecureSkipTlsVerify);

/// <summary>A user entry. The data fields hold base64 text; ToString is overridden so key material never prints.</summary>
public sealed record KubeconfigUser(string Name, string? ClientCertificateData, string? ClientKeyData)
{
    public override string ToString() => $"KubeconfigUser {{ Name = {Name} }}";
}

public sealed record KubeconfigContext(string Name, string? Cluster, string? User);
