using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Applier;

/// <summary>
/// Every write the controller makes, and the reads it makes outside the informers. A narrow seam: the client's
/// friendly calls are extension methods Moq cannot mock, and tests want to see exact bodies. Failures throw
/// <see cref="KubeApiException"/>.
/// </summary>
public interface IKubeApi
{
    /// <summary>
    /// Server-side apply of every field we own; <paramref name="force"/> only for Secrets that are ours. Returns the
    /// Secret as the server stored it (null if its answer did not carry one).
    /// </summary>
    Task<SecretInfo?> ApplySecretAsync(DesiredSecret secret, bool force, CancellationToken cancellationToken);

    /// <summary>
    /// Creates a Secret that must not exist yet (so a foreign Secret is never merged into). Returns the Secret as the
    /// server stored it (null if its answer did not carry one).
    /// </summary>
    Task<SecretInfo?> CreateSecretAsync(DesiredSecret secret, CancellationToken cancellationToken);

    Task DeleteSecretAsync(ObjectRef secret, CancellationToken cancellationToken);

    /// <summary>A direct read, for Secrets the informers do not hold; null when absent.</summary>
    Task<SecretInfo?> GetSecretAsync(ObjectRef secret, CancellationToken cancellationToken);

    /// <summary>A direct read of the Secrets of one namespace that match <paramref name="labelSelector"/>.</summary>
    Task<IReadOnlyList<SecretInfo>> ListSecretsAsync(string @namespace, string labelSelector, CancellationToken cancellationToken);

    /// <summary>Server-side apply of the generator's <c>/status</c>; returns the status as stored (null if the answer had none).</summary>
    Task<GeneratorStatus?> ApplyStatusAsync(string generator, GeneratorStatus status, CancellationToken cancellationToken);

    /// <summary>Removes <c>status.errors</c> whichever manager wrote it (a merge patch, not apply).</summary>
    Task RemoveStatusErrorsAsync(string generator, CancellationToken cancellationToken);

    /// <summary>Replaces the finalizer list, guarded by resourceVersion so a concurrent edit is not lost.</summary>
    Task SetFinalizersAsync(string generator, string resourceVersion, IReadOnlyList<string> finalizers, CancellationToken cancellationToken);

    Task RecordWarningAsync(Generator generator, string reason, string message, CancellationToken cancellationToken);

    /// <summary>A Warning Event on any object (in its namespace; cluster-scoped ones in <c>default</c>).</summary>
    Task RecordWarningAsync(EventSubject subject, string reason, string message, CancellationToken cancellationToken);
}
