namespace KamajiKubeconfig.Reconcile;

/// <summary>
/// Everything an inspection depends on. Secrets are identified by resourceVersion, so any edit of the generated
/// Secret or the CA Secret is a new key; template, identity and key type cover the generator's and TCP's inputs.
/// </summary>
public sealed record ValidityKey(
    ObjectRef Secret,
    string SecretResourceVersion,
    ObjectRef CaSecret,
    string CaResourceVersion,
    KubeconfigCluster Template,
    string Generator,
    Identity Identity,
    KeyAlgorithm Algorithm);

/// <summary>The parsed template of one admin kubeconfig Secret key, by the Secret's resourceVersion.</summary>
public sealed record TemplateKey(ObjectRef Secret, string ResourceVersion, string EndpointKey);

/// <summary>A generated kubeconfig, by content (the SHA-256 of its bytes): the same bytes always read the same.</summary>
public sealed record KubeconfigContentKey(Blob Sha256)
{
    // The digest as bytes: one entry per issued kubeconfig, and as hex text it took five times the memory.
    public static KubeconfigContentKey Of(byte[] value) => new(new Blob(System.Security.Cryptography.SHA256.HashData(value)));
}

/// <summary>The parsed CA of one CA Secret, by its resourceVersion.</summary>
public sealed record CertificateAuthorityKey(ObjectRef Secret, string ResourceVersion);

/// <summary>
/// Remembers parses and inspections across passes (docs/design.md, "The validity memo"). It must return what
/// <c>compute</c> would, so reconcile stays a function of its inputs.
/// </summary>
public interface IValidityMemo
{
    T GetOrAdd<T>(object key, Func<T> compute)
        where T : notnull;

    /// <summary>What was remembered under <paramref name="key"/>, without remembering anything new.</summary>
    T? Find<T>(object key)
        where T : class => null;
}

/// <summary>No memory: compute every time (tests, and the default).</summary>
public sealed class NoValidityMemo : IValidityMemo
{
    public static readonly NoValidityMemo Instance = new();

    public T GetOrAdd<T>(object key, Func<T> compute)
        where T : notnull => compute();
}
