using System.Globalization;
using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using KamajiKubeconfig.Controller.Observability;
using KamajiKubeconfig.Informers;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Applier;

/// <summary>
/// <see cref="IKubeApi"/> over the C# client. The only class that calls generated operations for writes; it maps
/// every failure to a <see cref="KubeApiException"/> so callers decide on one vocabulary.
/// </summary>
internal sealed class KubeApi(IKubernetes client, TimeProvider time, string instance, ControllerMetrics metrics, TimeSpan? requestTimeout = null) : IKubeApi
{
    /// <summary>
    /// How long one request may take. kube-apiserver gives up on a non-watch request after 60 s; a pass waits for
    /// its slowest write, so one hung connection would hold every tenant of the generator that long (the client's
    /// own default is 100 s). A request cut off here is a transient failure of that one tenant, retried with backoff.
    /// </summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(15);

    private readonly TimeSpan _requestTimeout = requestTimeout ?? DefaultRequestTimeout;

    /// <summary>Our server-side apply field manager (and event source).</summary>
    public const string FieldManager = "kubeconfig-generator";

    /// <summary>Events of cluster-scoped objects live in <c>default</c>, as client-go's recorder puts them.</summary>
    public const string EventNamespace = "default";

    public async Task<SecretInfo?> ApplySecretAsync(DesiredSecret secret, bool force, CancellationToken cancellationToken) =>
        Stored(await Call(token => client.CoreV1.PatchNamespacedSecretAsync(
            new V1Patch(KubernetesJson.Serialize(ApiBodies.Secret(secret)), V1Patch.PatchType.ApplyPatch),
            Checked(secret.Ref).Name, secret.Ref.Namespace, fieldManager: FieldManager, force: force, cancellationToken: token), cancellationToken));

    public async Task<SecretInfo?> CreateSecretAsync(DesiredSecret secret, CancellationToken cancellationToken) =>
        Stored(await Call(token => client.CoreV1.CreateNamespacedSecretAsync(
            ApiBodies.Secret(secret),
            Checked(secret.Ref).Namespace, fieldManager: FieldManager, cancellationToken: token), cancellationToken));

    private static SecretInfo? Stored(V1Secret? answer) => answer?.Metadata is null ? null : Mapping.CoreMapper.FromSecret(answer);

    public async Task DeleteSecretAsync(ObjectRef secret, CancellationToken cancellationToken)
    {
        try
        {
            var target = Checked(secret);
            await Call(token => client.CoreV1.DeleteNamespacedSecretAsync(target.Name, target.Namespace, cancellationToken: token), cancellationToken);
        }
        catch (KubeApiException e) when (e.Kind == ApiFailureKind.NotFound)
        {
            // Already gone: the goal of a delete.
        }
    }

    public async Task<SecretInfo?> GetSecretAsync(ObjectRef secret, CancellationToken cancellationToken)
    {
        try
        {
            var target = Checked(secret);
            var read = await Call(token => client.CoreV1.ReadNamespacedSecretAsync(target.Name, target.Namespace, cancellationToken: token), cancellationToken);
            return Mapping.CoreMapper.FromSecret(read);
        }
        catch (KubeApiException e) when (e.Kind == ApiFailureKind.NotFound)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<SecretInfo>> ListSecretsAsync(string @namespace, string labelSelector, CancellationToken cancellationToken)
    {
        if (!ObjectNames.IsValid(@namespace))
        {
            throw new KubeApiException(ApiFailureKind.Invalid, $"refusing to list Secrets in {GoFormat.Quote(GoFormat.Abbreviate(@namespace))}: not a valid namespace name");
        }
        var list = await Call(token => client.CoreV1.ListNamespacedSecretAsync(@namespace, labelSelector: labelSelector, cancellationToken: token), cancellationToken);
        return [.. (list.Items ?? []).Select(Mapping.CoreMapper.FromSecret)];
    }

    public async Task<GeneratorStatus?> ApplyStatusAsync(string generator, GeneratorStatus status, CancellationToken cancellationToken) =>
        await Call(token => client.CustomObjects.PatchClusterCustomObjectStatusAsync(
            new V1Patch(ApiBodies.Status(generator, status).ToJsonString(), V1Patch.PatchType.ApplyPatch),
            WellKnown.Group, WellKnown.Version, WellKnown.GeneratorPlural, generator,
            fieldManager: FieldManager, force: true, cancellationToken: token), cancellationToken) is JsonElement stored
            ? Mapping.GeneratorMapper.FromJson(stored).Status
            : null;

    public Task RemoveStatusErrorsAsync(string generator, CancellationToken cancellationToken) =>
        Call(token => client.CustomObjects.PatchClusterCustomObjectStatusAsync(
            new V1Patch(ApiBodies.NoStatusErrors().ToJsonString(), V1Patch.PatchType.MergePatch),
            WellKnown.Group, WellKnown.Version, WellKnown.GeneratorPlural, generator,
            fieldManager: FieldManager, cancellationToken: token), cancellationToken);

    public Task SetFinalizersAsync(string generator, string resourceVersion, IReadOnlyList<string> finalizers, CancellationToken cancellationToken) =>
        Call(token => client.CustomObjects.PatchClusterCustomObjectAsync(
            new V1Patch(ApiBodies.Finalizers(resourceVersion, finalizers).ToJsonString(), V1Patch.PatchType.MergePatch),
            WellKnown.Group, WellKnown.Version, WellKnown.GeneratorPlural, generator,
            fieldManager: FieldManager, cancellationToken: token), cancellationToken);

    public Task RecordWarningAsync(Generator generator, string reason, string message, CancellationToken cancellationToken) =>
        RecordWarningAsync(new EventSubject(WellKnown.ApiVersion, WellKnown.GeneratorKind, null, generator.Name, generator.Uid), reason, message, cancellationToken);

    public Task RecordWarningAsync(EventSubject subject, string reason, string message, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var ns = subject.Namespace ?? EventNamespace;
        var body = new Corev1Event
        {
            Metadata = new V1ObjectMeta
            {
                Name = $"{subject.Name}.{now.Ticks.ToString("x", CultureInfo.InvariantCulture)}",
                NamespaceProperty = ns,
            },
            InvolvedObject = new V1ObjectReference
            {
                ApiVersion = subject.ApiVersion,
                Kind = subject.Kind,
                NamespaceProperty = subject.Namespace,
                Name = subject.Name,
                Uid = subject.Uid,
            },
            Reason = reason,
            Message = message.Length > 1024 ? message[..1021] + "..." : message,
            Type = "Warning",
            Source = new V1EventSource { Component = FieldManager },
            ReportingComponent = FieldManager,
            ReportingInstance = instance,
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
        };
        return Call(token => client.CoreV1.CreateNamespacedEventAsync(body, ns, cancellationToken: token), cancellationToken);
    }

    /// <summary>
    /// Every request goes through here: it is counted, and every way of failing becomes a
    /// <see cref="KubeApiException"/> (an error answer by its status code; no answer at all, including the client's
    /// own timeout, as <see cref="ApiFailureKind.Transport"/>), so one tenant's slow request is that tenant's
    /// transient failure and never an exception that stops the other writes of the pass.
    /// </summary>
    private async Task<T> Call<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(_requestTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var result = await call(linked.Token);
            metrics.ApplyRequestCompleted(null);
            return result;
        }
        catch (HttpOperationException e)
        {
            var classified = Classify(e);
            metrics.ApplyRequestCompleted(classified.Kind);
            throw classified;
        }
        catch (Exception e) when (KubernetesErrors.IsNoAnswer(e, cancellationToken))
        {
            metrics.ApplyRequestCompleted(ApiFailureKind.Transport);
            var message = deadline.IsCancellationRequested ? $"no answer within {_requestTimeout.TotalSeconds:0} s"
                : e is OperationCanceledException ? "the request timed out" : e.Message;
            throw new KubeApiException(ApiFailureKind.Transport, message, null, e);
        }
    }

    /// <summary>
    /// Defence in depth behind reconcile's own check: a name that is not a valid object name never reaches a URL,
    /// so no text from an object can turn a request into one for another namespace or resource.
    /// </summary>
    private static ObjectRef Checked(ObjectRef secret) =>
        ObjectNames.IsValid(secret.Name) && ObjectNames.IsValid(secret.Namespace)
            ? secret
            : throw new KubeApiException(ApiFailureKind.Invalid,
                $"refusing to send a request for {GoFormat.Quote(GoFormat.Abbreviate(secret.ToString()))}: not a valid namespace and Secret name");

    /// <summary>Maps an HTTP failure to our vocabulary, keeping the server's Status message (never the request).</summary>
    public static KubeApiException Classify(HttpOperationException e)
    {
        var code = e.Response?.StatusCode ?? 0;
        var status = KubernetesErrors.ReadStatus(e.Response?.Content);
        var message = status?.Message ?? $"the server answered {(int)code} {code}";
        var retryAfter = KubernetesErrors.RetryAfterSeconds(e.Response?.Headers) is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        var kind = code switch
        {
            HttpStatusCode.Conflict when status?.Reason == "AlreadyExists" => ApiFailureKind.AlreadyExists,
            HttpStatusCode.Conflict => ApiFailureKind.Conflict,
            HttpStatusCode.NotFound => ApiFailureKind.NotFound,
            HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity or HttpStatusCode.UnsupportedMediaType => ApiFailureKind.Invalid,
            HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized => ApiFailureKind.Forbidden,
            HttpStatusCode.TooManyRequests => ApiFailureKind.Throttled,
            _ => ApiFailureKind.ServerError,
        };
        return new KubeApiException(kind, message, retryAfter, e);
    }

}
