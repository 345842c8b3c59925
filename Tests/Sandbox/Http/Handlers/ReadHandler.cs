using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Api;
using KamajiKubeconfig.Sandbox.Storage;

namespace KamajiKubeconfig.Sandbox.Http.Handlers;

/// <summary>GET of one object and LIST with resourceVersion semantics, selectors and pagination (A4).</summary>
public sealed class ReadHandler(SandboxContext context)
{
    public async Task GetAsync(ApiRequest request)
    {
        CheckNotTooLarge(request.Query("resourceVersion"));
        var type = request.Type;
        var stored = context.Store.Get(type.StorageKey, request.StorageNamespace, request.Name!)
            ?? throw StatusFactory.NotFound(type.Group, type.Plural, request.Name!);
        var obj = ClientView.Of(type, stored);
        if (TableRenderer.Wanted(request.Http))
        {
            var table = TableRenderer.Render(type, [obj], stored.ResourceVersion.ToString(CultureInfo.InvariantCulture), null,
                IncludeObject(request), context.Clock.GetUtcNow());
            await Responses.WriteJsonAsync(request.Http, 200, table, request.Aborted);
            return;
        }
        await Responses.WriteJsonAsync(request.Http, 200, obj, request.Aborted);
    }

    /// <summary>The matching items of one list request, with the list's revision and continue token.</summary>
    public (List<StoredObject> Items, long Revision, string? Continue, long? Remaining) Select(ApiRequest request, ListOptions options)
    {
        var type = request.Type;
        var ns = request.Namespace ?? (type.Namespaced ? options.Fields.RequiredValue("metadata.namespace") : null);
        long? at = null;
        string? startAfter = null;
        if (options.Continue.Length > 0)
        {
            (var rv, startAfter) = ListOptions.DecodeContinue(options.Continue);
            if (rv < context.Store.CompactedRevision)
            {
                throw StatusFactory.Gone("The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.");
            }
            at = rv;
        }
        else if (options.ResourceVersion is { Length: > 0 } rvText && rvText != "0")
        {
            var requested = ParseRevision(rvText);
            CheckNotTooLarge(rvText);
            var exact = options.ResourceVersionMatch == "Exact" || options.ResourceVersionMatch.Length == 0 && options.Limit > 0;
            if (exact)
            {
                if (requested < context.Store.CompactedRevision)
                {
                    throw StatusFactory.Gone("The resourceVersion for the provided list is too old.");
                }
                at = requested;
            }
        }
        var limit = options.ResourceVersion == "0" && options.Continue.Length == 0 ? 0 : options.Limit;
        List<StoredObject> all;
        long revision;
        try
        {
            (all, revision) = context.Store.List(type.StorageKey, ns, startAfter, at);
        }
        catch (StoreExpiredException)
        {
            throw StatusFactory.Gone("The resourceVersion for the provided list is too old.");
        }
        var matching = all.Where(o => Matches(type, o, options)).ToList();
        if (limit <= 0 || matching.Count <= limit)
        {
            return (matching, revision, null, null);
        }
        var page = matching.GetRange(0, limit);
        // etcd3's store counts the remaining keys, not the matching ones: with a selector the count would lie, so it is
        // left out (storage/etcd3/store.go: only for an empty predicate).
        var selective = request.Query("labelSelector").Length > 0 || request.Query("fieldSelector").Length > 0;
        return (page, revision, ListOptions.EncodeContinue(revision, page[^1].Key), selective ? null : matching.Count - limit);
    }

    public static bool Matches(ResourceType type, StoredObject obj, ListOptions options) =>
        options.Labels.Matches(obj.Labels) && (!options.Fields.Terms.Any() || options.Fields.Matches(ClientView.Of(type, obj)));

    public async Task ListAsync(ApiRequest request)
    {
        var options = ListOptions.Parse(request);
        var (items, revision, continueToken, remaining) = Select(request, options);
        var type = request.Type;
        var rv = revision.ToString(CultureInfo.InvariantCulture);
        if (TableRenderer.Wanted(request.Http))
        {
            var table = TableRenderer.Render(type, items.Select(i => ClientView.Of(type, i)), rv, continueToken, IncludeObject(request), context.Clock.GetUtcNow());
            await Responses.WriteJsonAsync(request.Http, 200, table, request.Aborted);
            return;
        }
        request.Http.Response.StatusCode = 200;
        request.Http.Response.ContentType = "application/json";
        var pipe = request.Http.Response.BodyWriter;
        await WriteListAsync(pipe, type, items, rv, continueToken, remaining, request.Aborted);
    }

    /// <summary>
    /// Writes a list straight into the response pipe, copying each stored object's bytes when no conversion is needed,
    /// and flushing every so often: large lists neither build one big buffer nor re-encode objects.
    /// </summary>
    public static async Task WriteListAsync(PipeWriter output, ResourceType type, IReadOnlyList<StoredObject> items, string rv, string? continueToken, long? remaining, CancellationToken cancellationToken)
    {
        var metadata = new JsonObject { ["resourceVersion"] = rv };
        if (continueToken is not null)
        {
            metadata["continue"] = continueToken;
        }
        if (remaining is { } r)
        {
            metadata["remainingItemCount"] = r;
        }
        var head = new JsonObject { ["kind"] = type.Kind + "List", ["apiVersion"] = type.GroupVersion, ["metadata"] = metadata };
        var headBytes = StoredObject.Serialize(head);
        output.Write(headBytes.AsSpan(0, headBytes.Length - 1));
        output.Write(",\"items\":["u8);
        var unflushed = 0L;
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                output.Write(","u8);
            }
            var bytes = ClientView.Bytes(type, items[i]);
            output.Write(bytes);
            unflushed += bytes.Length;
            if (unflushed > 256 * 1024)
            {
                await output.FlushAsync(cancellationToken);
                unflushed = 0;
            }
        }
        output.Write("]}"u8);
        await output.FlushAsync(cancellationToken);
    }

    private static string IncludeObject(ApiRequest request) => request.Query("includeObject") is { Length: > 0 } v ? v : "Metadata";

    private static long ParseRevision(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var rv)
            ? rv
            : throw StatusFactory.BadRequest($"invalid resource version: strconv.ParseUint: parsing \"{text}\": invalid syntax");

    private void CheckNotTooLarge(string rvText)
    {
        if (rvText.Length > 0 && rvText != "0")
        {
            var requested = ParseRevision(rvText);
            var current = context.Store.Revision;
            if (requested > current)
            {
                throw StatusFactory.TooLargeResourceVersion(requested, current);
            }
        }
    }

    internal static JsonObject EmptyList(ResourceType type) => new() { ["kind"] = type.Kind + "List", ["apiVersion"] = type.GroupVersion };
}
