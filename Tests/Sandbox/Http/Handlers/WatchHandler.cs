using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Api;
using KamajiKubeconfig.Sandbox.Json;
using KamajiKubeconfig.Sandbox.Storage;

namespace KamajiKubeconfig.Sandbox.Http.Handlers;

/// <summary>
/// WATCH (A6): newline-delimited JSON events, initial ADDED events for RV ""/"0", history replay from RV N, 410 as an
/// ERROR event, selector transitions, bookmarks (periodic, before the deadline, initial-events-end), timeoutSeconds.
/// </summary>
public sealed class WatchHandler(SandboxContext context)
{
    public async Task WatchAsync(ApiRequest request)
    {
        var options = ListOptions.Parse(request);
        var type = request.Type;
        var rv = options.ResourceVersion;
        var sendInitial = options.SendInitialEvents ?? rv is "" or "0";
        // 1.32 defaults plain watches from ""/"0" to the WatchList shape: initial events, then the annotated bookmark.
        var initialEndBookmark = options.AllowBookmarks && sendInitial;
        long? from = null;
        if (!sendInitial)
        {
            from = long.TryParse(rv, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                ? n
                : throw StatusFactory.BadRequest($"invalid resource version: strconv.ParseUint: parsing \"{rv}\": invalid syntax");
        }
        var http = request.Http;
        http.Response.StatusCode = 200;
        http.Response.ContentType = "application/json";
        var timeout = options.TimeoutSeconds is { } s ? TimeSpan.FromSeconds(s) : TimeSpan.FromSeconds(1800 + RandomNumberGenerator.GetInt32(1800));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(request.Aborted);
        deadline.CancelAfter(timeout);
        // kubectl get -w asks for Tables: then every event carries a one-row Table, as a real server sends.
        Func<JsonObject, JsonObject>? toTable = TableRenderer.Wanted(http)
            ? obj => TableRenderer.Render(type, [obj], obj.GetString("metadata", "resourceVersion") ?? "", null,
                request.Query("includeObject") is { Length: > 0 } include ? include : "Metadata", context.Clock.GetUtcNow())
            : null;
        var writer = new WatchWriter(http.Response.Body, type, toTable);
        Subscription subscription;
        List<StoreEvent> backlog;
        long lastRevision;
        try
        {
            subscription = context.Store.Subscribe(type.StorageKey, from, out backlog);
        }
        catch (StoreExpiredException e)
        {
            await http.Response.StartAsync(request.Aborted);
            await writer.WriteErrorAsync(StatusFactory.Failure(410, "Expired", e.Message), request.Aborted);
            return;
        }
        using (subscription)
        {
            await http.Response.StartAsync(request.Aborted);
            var ns = request.Namespace ?? (type.Namespaced ? options.Fields.RequiredValue("metadata.namespace") : null);
            if (sendInitial)
            {
                var (items, revision) = context.Store.List(type.StorageKey, ns);
                foreach (var item in items.Where(i => ReadHandler.Matches(type, i, options)))
                {
                    await writer.WriteStoredAsync("ADDED", item, request.Aborted);
                }
                lastRevision = revision;
                if (initialEndBookmark)
                {
                    await writer.WriteBookmarkAsync(lastRevision, initialEventsEnd: true, request.Aborted);
                }
            }
            else
            {
                lastRevision = from!.Value;
                foreach (var e in backlog)
                {
                    lastRevision = await DeliverAsync(writer, type, ns, options, e, lastRevision, request.Aborted);
                }
                if (options.AllowBookmarks && context.Options.PromptFirstBookmark)
                {
                    // Tells the client where it stands at once, so the C# client's first-line wait ends (B5).
                    lastRevision = await BookmarkAsync(writer, subscription, type, ns, options, lastRevision, request.Aborted);
                }
            }
            await writer.FlushAsync(request.Aborted);
            await PumpAsync(writer, subscription, type, ns, options, lastRevision, timeout, deadline.Token);
        }
    }

    private async Task PumpAsync(WatchWriter writer, Subscription subscription, ResourceType type, string? ns, ListOptions options, long lastRevision, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = context.Clock.GetUtcNow();
        var nextBookmark = started + context.Options.BookmarkInterval;
        var finalBookmark = timeout > TimeSpan.FromSeconds(4) ? started + timeout - TimeSpan.FromSeconds(2) : DateTimeOffset.MaxValue;
        var reader = subscription.Events.Reader;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var now = context.Clock.GetUtcNow();
                var wakeAt = options.AllowBookmarks ? (nextBookmark < finalBookmark ? nextBookmark : finalBookmark) : now + TimeSpan.FromSeconds(30);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                wait.CancelAfter(wakeAt > now ? wakeAt - now : TimeSpan.Zero);
                bool available;
                try
                {
                    available = await reader.WaitToReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    if (options.AllowBookmarks)
                    {
                        lastRevision = await BookmarkAsync(writer, subscription, type, ns, options, lastRevision, cancellationToken);
                        nextBookmark = context.Clock.GetUtcNow() + context.Options.BookmarkInterval;
                        if (context.Clock.GetUtcNow() >= finalBookmark)
                        {
                            finalBookmark = DateTimeOffset.MaxValue;
                        }
                    }
                    continue;
                }
                if (!available)
                {
                    return;
                }
                while (reader.TryRead(out var e))
                {
                    lastRevision = await DeliverAsync(writer, type, ns, options, e, lastRevision, cancellationToken);
                }
                await writer.FlushAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Deadline or client gone: the stream just ends (no closing event).
        }
        catch (IOException)
        {
            // Client went away.
        }
    }

    /// <summary>
    /// A bookmark may only claim a revision once every event up to it was delivered: events up to the store's revision
    /// are already queued for this watcher (they are queued under the store lock), so drain the queue first.
    /// </summary>
    private async Task<long> BookmarkAsync(WatchWriter writer, Subscription subscription, ResourceType type, string? ns, ListOptions options, long lastRevision, CancellationToken cancellationToken)
    {
        var revision = context.Store.Revision;
        while (subscription.Events.Reader.TryRead(out var e))
        {
            lastRevision = await DeliverAsync(writer, type, ns, options, e, lastRevision, cancellationToken);
        }
        lastRevision = Math.Max(lastRevision, revision);
        await writer.WriteBookmarkAsync(lastRevision, initialEventsEnd: false, cancellationToken);
        return lastRevision;
    }

    /// <summary>Sends one store event as the watcher sees it through its selectors (A6 transitions).</summary>
    private static async Task<long> DeliverAsync(WatchWriter writer, ResourceType type, string? ns, ListOptions options, StoreEvent e, long lastRevision, CancellationToken cancellationToken)
    {
        if (e.ResourceVersion <= lastRevision)
        {
            return lastRevision;
        }
        bool Matches(StoredObject? o) => o is not null && (ns is null || o.Namespace == ns) && ReadHandler.Matches(type, o, options);
        var now = Matches(e.Object);
        var before = Matches(e.Previous);
        switch (e.Type)
        {
            case StoreEventType.Added when now:
                await writer.WriteStoredAsync("ADDED", e.Object, cancellationToken);
                break;
            case StoreEventType.Modified when now && before:
                await writer.WriteStoredAsync("MODIFIED", e.Object, cancellationToken);
                break;
            case StoreEventType.Modified when now:
                await writer.WriteStoredAsync("ADDED", e.Object, cancellationToken);
                break;
            case StoreEventType.Modified when before:
                var previous = ClientView.Of(type, e.Previous!);
                previous["metadata"]!["resourceVersion"] = e.ResourceVersion.ToString(CultureInfo.InvariantCulture);
                await writer.WriteObjectAsync("DELETED", previous, cancellationToken);
                break;
            case StoreEventType.Deleted when now || before:
                await writer.WriteStoredAsync("DELETED", e.Object, cancellationToken);
                break;
        }
        return e.ResourceVersion;
    }

    /// <summary>Writes watch lines: one compact JSON object and a newline per event.</summary>
    private sealed class WatchWriter(Stream body, ResourceType type, Func<JsonObject, JsonObject>? toTable)
    {
        public Task WriteStoredAsync(string eventType, StoredObject stored, CancellationToken cancellationToken) =>
            toTable is null
                ? WriteEventAsync(eventType, ClientView.Bytes(type, stored), cancellationToken)
                : WriteObjectAsync(eventType, ClientView.Of(type, stored), cancellationToken);

        public Task WriteObjectAsync(string eventType, JsonObject obj, CancellationToken cancellationToken) =>
            WriteEventAsync(eventType, StoredObject.Serialize(toTable is null ? obj : toTable(obj)), cancellationToken);

        public async Task WriteEventAsync(string eventType, byte[] objectJson, CancellationToken cancellationToken)
        {
            await body.WriteAsync(Encoding.UTF8.GetBytes($"{{\"type\":\"{eventType}\",\"object\":"), cancellationToken);
            await body.WriteAsync(objectJson, cancellationToken);
            await body.WriteAsync("}\n"u8.ToArray(), cancellationToken);
        }

        public async Task WriteBookmarkAsync(long revision, bool initialEventsEnd, CancellationToken cancellationToken)
        {
            var metadata = new JsonObject { ["resourceVersion"] = revision.ToString(CultureInfo.InvariantCulture), ["creationTimestamp"] = null };
            if (initialEventsEnd)
            {
                metadata["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
            }
            var obj = new JsonObject { ["kind"] = type.Kind, ["apiVersion"] = type.GroupVersion, ["metadata"] = metadata };
            await WriteEventAsync("BOOKMARK", StoredObject.Serialize(obj), cancellationToken);
            await FlushAsync(cancellationToken);
        }

        public async Task WriteErrorAsync(JsonObject status, CancellationToken cancellationToken)
        {
            await WriteEventAsync("ERROR", StoredObject.Serialize(status), cancellationToken);
            await FlushAsync(cancellationToken);
        }

        public Task FlushAsync(CancellationToken cancellationToken) => body.FlushAsync(cancellationToken);
    }
}
