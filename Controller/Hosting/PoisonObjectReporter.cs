using System.Collections.Concurrent;
using System.Text.Json;
using KamajiKubeconfig.Controller.Applier;
using Microsoft.Extensions.Logging;

namespace KamajiKubeconfig.Controller.Hosting;

/// <summary>
/// Makes an object an informer had to skip visible where its owner looks: a Warning Event on the object itself
/// (the informer already logs it and counts it in <c>kubeconfig_generator_informer_transform_failures_total</c>).
/// One Event per object and resourceVersion, however often a relist meets it again; best effort, never blocking
/// the informer that reports it.
/// </summary>
internal sealed partial class PoisonObjectReporter(IKubeApi api, ILogger<PoisonObjectReporter> logger)
{
    public const string Reason = "UndecodableObject";
    private const int MaxRemembered = 10_000;

    private readonly ConcurrentDictionary<string, byte> _reported = new(StringComparer.Ordinal);

    /// <summary>For an informer of raw JSON objects (custom resources): reads what identifies the object, then reports.</summary>
    public void Report(string informer, JsonElement raw, Exception failure)
    {
        var metadata = raw.ValueKind == JsonValueKind.Object && raw.TryGetProperty("metadata", out var m) ? m : default;
        string Text(JsonElement parent, string name) =>
            parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
        var subject = new EventSubject(Text(raw, "apiVersion"), Text(raw, "kind"), Text(metadata, "namespace") is { Length: > 0 } ns ? ns : null,
            Text(metadata, "name"), Text(metadata, "uid"));
        var key = $"{subject.Kind}/{subject.Namespace}/{subject.Name}@{Text(metadata, "resourceVersion")}";
        if (subject.Name.Length == 0 || !ObjectIsNew(key))
        {
            return;
        }
        var message = $"the kubeconfig generator cannot read this object and skips it ({informer}): {failure.GetType().Name}: {failure.Message}";
        _ = SendAsync(subject, message);
    }

    private bool ObjectIsNew(string key)
    {
        if (_reported.Count >= MaxRemembered)
        {
            _reported.Clear();
        }
        return _reported.TryAdd(key, 0);
    }

    private async Task SendAsync(EventSubject subject, string message)
    {
        try
        {
            await api.RecordWarningAsync(subject, Reason, message, CancellationToken.None);
        }
        catch (KubeApiException e)
        {
            LogEventFailed(logger, subject.Kind, subject.Name, e);
        }
    }

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Could not record the Event about the skipped {Kind} {Name}")]
    private static partial void LogEventFailed(ILogger logger, string kind, string name, Exception exception);
}
