using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Api;
using KamajiKubeconfig.Sandbox.Json;
using KamajiKubeconfig.Sandbox.Patch;
using KamajiKubeconfig.Sandbox.Storage;

namespace KamajiKubeconfig.Sandbox.Http.Handlers;

/// <summary>The registry store's create and guaranteed-update flows, shared by POST, PUT, PATCH and apply.</summary>
public sealed class WritePipeline(SandboxContext context)
{
    private const int MaxAttempts = 16;

    /// <summary>Creates an object (already in storage shape) after defaults and validation; returns the stored version.</summary>
    public JsonObject Create(ResourceType type, string ns, JsonObject obj, string manager, bool dryRun, bool managedFieldsDone = false)
    {
        var meta = obj.Metadata();
        var name = meta.GetString("name") ?? "";
        if (name.Length == 0 && meta.GetString("generateName") is { Length: > 0 } prefix)
        {
            name = prefix + RandomSuffix();
            meta["name"] = name;
        }
        if (name.Length == 0)
        {
            throw StatusFactory.Invalid(type.KindLabel, type.Group, type.Kind, "",
                [NameValidation.Required("metadata.name", "name or generateName is required")]);
        }
        if (type.Namespaced)
        {
            meta["namespace"] = ns;
            EnsureNamespaceAcceptsCreate(type, ns, name);
        }
        else
        {
            meta.Remove("namespace");
        }
        ObjectRules.CheckMicroTimes(type, obj);
        NormalizeTimes(type, obj);
        ObjectRules.PrepareForCreate(type, obj, context.Clock.GetUtcNow());
        ObjectRules.Validate(type, obj, current: null);
        Auth.RbacEscalation.Check(context, type, obj);
        if (!managedFieldsDone)
        {
            meta.Remove("managedFields");
            FieldManager.RecordUpdate(type, null, null, obj, manager, context.Now);
        }
        if (dryRun)
        {
            return obj;
        }
        try
        {
            return context.Store.Create(type.StorageKey, type.Namespaced ? ns : "", name, obj).Clone();
        }
        catch (StoreConflictException)
        {
            throw StatusFactory.AlreadyExists(type.Group, type.Plural, name);
        }
    }

    /// <summary>
    /// Reads the current object, lets <paramref name="mutate"/> produce the desired one (it gets a private copy, or null
    /// when missing), applies the update rules and writes with optimistic concurrency, retrying unconditional writes.
    /// </summary>
    public (JsonObject Result, bool Created) Update(ApiRequest request, WriteKind kind, Func<JsonObject?, JsonObject> mutate, string manager, bool dryRun)
    {
        var type = request.Type;
        var name = request.Name!;
        for (var attempt = 0; ; attempt++)
        {
            var current = context.Store.Get(type.StorageKey, request.StorageNamespace, name);
            var desired = mutate(current is null ? null : ClientView.Of(type, current));
            desired = ClientView.ToStorage(type, desired);
            var bodyName = desired.GetString("metadata", "name");
            if (!string.IsNullOrEmpty(bodyName) && bodyName != name)
            {
                throw StatusFactory.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
            }
            desired.Metadata()["name"] = name;
            if (current is null)
            {
                if (kind == WriteKind.Patch || kind == WriteKind.Put && !type.CreateOnUpdate)
                {
                    throw StatusFactory.NotFound(type.Group, type.Plural, name);
                }
                desired.Metadata().Remove("resourceVersion");
                return (Create(type, request.Namespace ?? "", desired, manager, dryRun, managedFieldsDone: kind == WriteKind.Apply), true);
            }
            var requestedRv = desired.GetString("metadata", "resourceVersion");
            var unconditional = string.IsNullOrEmpty(requestedRv);
            if (unconditional && kind == WriteKind.Put && type.RequiresResourceVersionOnUpdate)
            {
                throw StatusFactory.Invalid(type.QualifiedResource, type.Group, type.Plural, name,
                    [new("FieldValueInvalid", "metadata.resourceVersion", "metadata.resourceVersion: Invalid value: 0x0: must be specified for an update")]);
            }
            if (!unconditional && requestedRv != current.ResourceVersion.ToString(CultureInfo.InvariantCulture))
            {
                throw StatusFactory.Conflict(type.Group, type.Plural, name);
            }
            var previous = current.Clone();
            ObjectRules.CheckMicroTimes(type, desired);
            NormalizeTimes(type, desired);
            desired = ObjectRules.PrepareForUpdate(type, request.Subresource, previous, desired);
            if (request.Subresource is null)
            {
                ObjectRules.BumpGeneration(type, previous, desired);
            }
            ObjectRules.Validate(type, desired, previous);
            Auth.RbacEscalation.Check(context, type, desired);
            if (kind != WriteKind.Apply)
            {
                FieldManager.RecordUpdate(type, request.Subresource, previous, desired, manager, context.Now);
            }
            KeepManagedFieldsTimeWhenNothingChanged(previous, desired);
            if (dryRun)
            {
                // Nothing is written, so the answer carries the live resourceVersion (kubectl diff compares it).
                desired.Metadata()["resourceVersion"] = current.ResourceVersion.ToString(CultureInfo.InvariantCulture);
                return (desired, false);
            }
            try
            {
                if (desired.GetString("metadata", "deletionTimestamp") is not null && desired.Get("metadata", "finalizers").StringList().Count == 0)
                {
                    // The last finalizer is gone: the update deletes the object (store ShouldDeleteDuringUpdate).
                    return (context.Store.Delete(type.StorageKey, current.Namespace, name, current.ResourceVersion, desired).Clone(), false);
                }
                return (context.Store.Update(type.StorageKey, current.Namespace, name, desired, current.ResourceVersion).Clone(), false);
            }
            catch (Exception e) when (e is StoreConflictException or StoreMissingException)
            {
                if (!unconditional || attempt >= MaxAttempts)
                {
                    throw StatusFactory.Conflict(type.Group, type.Plural, name);
                }
            }
        }
    }

    /// <summary>Time and MicroTime fields of built-in kinds are stored as the Go types encode them (UTC).</summary>
    private void NormalizeTimes(ResourceType type, JsonObject storageShaped)
    {
        var storageType = context.Registry.ByStorageKey(type.StorageKey) ?? type;
        if (BuiltInSchemas.For(storageType) is { } schema)
        {
            BuiltInDecoding.NormalizeTimes(storageType, storageShaped, schema);
        }
    }

    /// <summary>A write whose only difference is managedFields timestamps is no write at all (A2).</summary>
    private static void KeepManagedFieldsTimeWhenNothingChanged(JsonObject previous, JsonObject desired)
    {
        var a = (JsonObject)previous.DeepClone();
        var b = (JsonObject)desired.DeepClone();
        foreach (var o in new[] { a, b })
        {
            if (o.Get("metadata", "managedFields") is JsonArray entries)
            {
                foreach (var entry in entries.OfType<JsonObject>())
                {
                    entry.Remove("time");
                }
            }
            o.Metadata().Remove("resourceVersion");
        }
        if (JsonNode.DeepEquals(a, b))
        {
            desired.Metadata()["managedFields"] = previous.Get("metadata", "managedFields")?.DeepClone();
            if (desired.Metadata()["managedFields"] is null)
            {
                desired.Metadata().Remove("managedFields");
            }
        }
    }

    private void EnsureNamespaceAcceptsCreate(ResourceType type, string ns, string name)
    {
        var namespaceObject = context.Store.Get(BuiltInTypes.Namespaces.StorageKey, "", ns)
            ?? throw StatusFactory.NotFound("", "namespaces", ns);
        if (namespaceObject.Object.GetString("metadata", "deletionTimestamp") is not null)
        {
            var cause = new JsonArray(new JsonObject
            {
                ["reason"] = "NamespaceTerminating",
                ["message"] = $"namespace {ns} is being terminated",
                ["field"] = "metadata.namespace",
            });
            throw StatusFactory.Forbidden(type.Group, type.Plural, name,
                $"unable to create new content in namespace {ns} because it is being terminated", cause);
        }
    }

    private static string RandomSuffix()
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        return new string([.. Enumerable.Range(0, 5).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)])]);
    }

    /// <summary>The manager of a non-apply write: fieldManager, else the User-Agent up to the first '/' (A10).</summary>
    public static string ManagerOf(ApiRequest request)
    {
        var manager = request.Query("fieldManager");
        if (manager.Length > 0)
        {
            return manager;
        }
        var agent = request.Http.Request.Headers.UserAgent.ToString();
        var slash = agent.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? agent[..slash] : agent.Length > 0 ? agent : "unknown";
    }
}
