using System.Globalization;
using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Api;
using KamajiKubeconfig.Sandbox.Json;
using KamajiKubeconfig.Sandbox.Storage;

namespace KamajiKubeconfig.Sandbox.Http.Handlers;

/// <summary>DELETE and deletecollection (A7): preconditions, finalizers, deletionTimestamp, propagation policies.</summary>
public sealed class DeleteHandler(SandboxContext context, ReadHandler reader)
{
    private static readonly HashSet<string> ImmortalNamespaces = ["default", "kube-system", "kube-public"];

    public async Task DeleteAsync(ApiRequest request)
    {
        var options = await ReadOptionsAsync(request);
        var (body, code) = DeleteOne(request.Type, request.StorageNamespace, request.Name!, options);
        await Responses.WriteJsonAsync(request.Http, code, body, request.Aborted);
    }

    public async Task DeleteCollectionAsync(ApiRequest request)
    {
        var options = await ReadOptionsAsync(request);
        var listOptions = ListOptions.Parse(request);
        var (items, revision, _, _) = reader.Select(request, listOptions with { Limit = 0 });
        var deleted = new JsonArray();
        foreach (var item in items)
        {
            try
            {
                var (body, _) = DeleteOne(request.Type, item.Namespace, item.Name, options);
                deleted.Add(body["kind"]?.GetValue<string>() == "Status" ? ClientView.Of(request.Type, item) : body);
            }
            catch (ApiException e) when (e.Code == 404)
            {
                // Gone meanwhile: deletecollection skips it.
            }
        }
        var list = ReadHandler.EmptyList(request.Type);
        list["metadata"] = new JsonObject { ["resourceVersion"] = revision.ToString(CultureInfo.InvariantCulture) };
        list["items"] = deleted;
        await Responses.WriteJsonAsync(request.Http, 200, list, request.Aborted);
    }

    /// <summary>Delete options from the body (DeleteOptions) or the query string.</summary>
    public sealed record Options(string? PropagationPolicy, bool? OrphanDependents, string? Uid, string? ResourceVersion, bool DryRun);

    private static async Task<Options> ReadOptionsAsync(ApiRequest request)
    {
        var text = await BodyReader.ReadTextAsync(request);
        JsonObject body = [];
        if (!string.IsNullOrWhiteSpace(text))
        {
            body = BodyReader.Parse(text, false, request.Type);
        }
        var policy = body.GetString("propagationPolicy") ?? NullIfEmpty(request.Query("propagationPolicy"));
        if (policy is not null and not ("Orphan" or "Background" or "Foreground"))
        {
            throw StatusFactory.Invalid("DeleteOptions.meta.k8s.io", "meta.k8s.io", "DeleteOptions", "",
                [new("FieldValueNotSupported", "propagationPolicy", $"propagationPolicy: Unsupported value: \"{policy}\": supported values: \"Foreground\", \"Background\", \"Orphan\", \"nil\"")]);
        }
        bool? orphan = body["orphanDependents"] is JsonValue o ? o.GetValue<bool>() : request.HasQuery("orphanDependents") ? request.QueryBool("orphanDependents") : null;
        var dryRun = request.Query("dryRun") == "All" || body["dryRun"] is JsonArray d && d.StringList().Contains("All");
        return new Options(policy, orphan, body.GetString("preconditions", "uid"), body.GetString("preconditions", "resourceVersion"), dryRun);
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    /// <summary>Deletes one object; returns the response body and HTTP code.</summary>
    public (JsonObject Body, int Code) DeleteOne(ResourceType type, string ns, string name, Options options)
    {
        for (var attempt = 0; ; attempt++)
        {
            var current = context.Store.Get(type.StorageKey, ns, name) ?? throw StatusFactory.NotFound(type.Group, type.Plural, name);
            CheckPreconditions(type, current, options);
            if (type.StorageKey == BuiltInTypes.Namespaces.StorageKey && ImmortalNamespaces.Contains(name))
            {
                throw StatusFactory.Forbidden("", "namespaces", name, "this namespace may not be deleted");
            }
            try
            {
                return DeleteAttempt(type, current, options);
            }
            catch (Exception e) when ((e is StoreConflictException or StoreMissingException) && attempt < 16)
            {
                // Changed under us: read again, as the registry's GuaranteedUpdate does.
            }
        }
    }

    private (JsonObject Body, int Code) DeleteAttempt(ResourceType type, StoredObject current, Options options)
    {
        var obj = current.Clone();
        var meta = obj.Metadata();
        var finalizers = meta["finalizers"].StringList();
        var gcFinalizer = GcFinalizer(type, options);
        var isNamespace = type.StorageKey == BuiltInTypes.Namespaces.StorageKey;
        var accepted = options.OrphanDependents == false ? 202 : 200;
        if (meta.GetString("deletionTimestamp") is not null)
        {
            // Already being deleted: a no-op that returns the object.
            return (ClientView.Of(type, current), accepted);
        }
        if (gcFinalizer is not null && !finalizers.Contains(gcFinalizer))
        {
            finalizers.Add(gcFinalizer);
        }
        if (finalizers.Count > 0 || isNamespace)
        {
            meta["deletionTimestamp"] = context.Now;
            meta["deletionGracePeriodSeconds"] = 0;
            if (finalizers.Count > 0)
            {
                meta["finalizers"] = new JsonArray([.. finalizers.Select(f => (JsonNode?)f)]);
            }
            if (type.TracksGeneration && meta["generation"] is JsonValue g)
            {
                meta["generation"] = g.GetValue<long>() + 1;
            }
            if (isNamespace)
            {
                obj.Set("Terminating", "status", "phase");
            }
            if (options.DryRun)
            {
                return (ClientView.Of(type, obj), accepted);
            }
            var updated = context.Store.Update(type.StorageKey, current.Namespace, current.Name, obj, current.ResourceVersion);
            return (ClientView.Of(type, updated), accepted);
        }
        if (!options.DryRun)
        {
            context.Store.Delete(type.StorageKey, current.Namespace, current.Name, current.ResourceVersion);
        }
        return (StatusFactory.Success(current.Name, type.Group, type.Plural, current.Uid), 200);
    }

    private static string? GcFinalizer(ResourceType type, Options options)
    {
        if (type.StorageKey == BuiltInTypes.CoreEvents.StorageKey)
        {
            return null;
        }
        if (options.PropagationPolicy == "Foreground")
        {
            return "foregroundDeletion";
        }
        if (options.PropagationPolicy == "Orphan" || options.PropagationPolicy is null && options.OrphanDependents == true)
        {
            return "orphan";
        }
        return null;
    }

    private static void CheckPreconditions(ResourceType type, StoredObject current, Options options)
    {
        if (options.Uid is not null && options.Uid != current.Uid)
        {
            throw StatusFactory.ConflictWithMessage(type.Group, type.Plural, current.Name,
                $"Precondition failed: UID in precondition: {options.Uid}, UID in object meta: {current.Uid}");
        }
        var rv = current.ResourceVersion.ToString(CultureInfo.InvariantCulture);
        if (options.ResourceVersion is not null && options.ResourceVersion != rv)
        {
            throw StatusFactory.ConflictWithMessage(type.Group, type.Plural, current.Name,
                $"Precondition failed: ResourceVersion in precondition: {options.ResourceVersion}, ResourceVersion in object meta: {rv}");
        }
    }
}
