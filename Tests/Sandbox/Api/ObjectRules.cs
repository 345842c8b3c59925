using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KamajiKubeconfig.Sandbox.Json;

namespace KamajiKubeconfig.Sandbox.Api;

/// <summary>The registry strategies: system metadata, defaults, status and generation rules, validation (A2, A7, A8, A13).</summary>
public static partial class ObjectRules
{
    public static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>System fields a client may not choose, set on create (A2).</summary>
    public static void PrepareForCreate(ResourceType type, JsonObject obj, DateTimeOffset now)
    {
        var meta = obj.Metadata();
        meta["uid"] = Guid.NewGuid().ToString();
        meta["creationTimestamp"] = FormatTime(now);
        meta.Remove("deletionTimestamp");
        meta.Remove("deletionGracePeriodSeconds");
        meta.Remove("selfLink");
        meta.Remove("resourceVersion");
        if (type.TracksGeneration)
        {
            meta["generation"] = 1;
        }
        else
        {
            meta.Remove("generation");
        }
        if (type.HasStatusSubresource && type.IsCustom)
        {
            obj.Remove("status");
        }
        ApplyTypeDefaults(type, obj, current: null);
    }

    /// <summary>Keeps what an update may not change and applies the status-subresource split (A8).</summary>
    public static JsonObject PrepareForUpdate(ResourceType type, string? subresource, JsonObject current, JsonObject desired)
    {
        if (subresource == "status")
        {
            // Only status is taken from the request; spec and all metadata stay (A8).
            var result = (JsonObject)current.DeepClone();
            result["status"] = desired["status"]?.DeepClone();
            if (result["status"] is null)
            {
                result.Remove("status");
            }
            result.Metadata()["resourceVersion"] = desired.GetString("metadata", "resourceVersion");
            result.Metadata()["managedFields"] = desired.Get("metadata", "managedFields")?.DeepClone();
            if (result.Metadata()["managedFields"] is null)
            {
                result.Metadata().Remove("managedFields");
            }
            return result;
        }
        if (subresource == "finalize")
        {
            var result = (JsonObject)current.DeepClone();
            result.Set(desired.Get("spec", "finalizers")?.DeepClone(), "spec", "finalizers");
            return result;
        }
        var meta = desired.Metadata();
        var old = current.Metadata();
        foreach (var field in new[] { "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "name", "namespace" })
        {
            meta[field] = old[field]?.DeepClone();
            if (meta[field] is null)
            {
                meta.Remove(field);
            }
        }
        meta.Remove("selfLink");
        if (type.HasStatusSubresource)
        {
            desired["status"] = current["status"]?.DeepClone();
            if (desired["status"] is null)
            {
                desired.Remove("status");
            }
        }
        ApplyTypeDefaults(type, desired, current);
        return desired;
    }

    /// <summary>CR generation: bumped by any change outside metadata (A7).</summary>
    public static void BumpGeneration(ResourceType type, JsonObject current, JsonObject desired)
    {
        if (!type.TracksGeneration)
        {
            return;
        }
        var before = current.DeepClone().AsObject();
        var after = desired.DeepClone().AsObject();
        before.Remove("metadata");
        after.Remove("metadata");
        var generation = current.Get("metadata", "generation")?.GetValue<long>() ?? 1;
        desired.Metadata()["generation"] = JsonNode.DeepEquals(before, after) ? generation : generation + 1;
    }

    private static void ApplyTypeDefaults(ResourceType type, JsonObject obj, JsonObject? current)
    {
        var meta = obj.Metadata();
        switch (type.StorageKey)
        {
            case "/namespaces":
                var labels = meta["labels"] as JsonObject ?? [];
                labels["kubernetes.io/metadata.name"] = meta.GetString("name");
                meta["labels"] = labels;
                if (current is null)
                {
                    obj.Set(new JsonArray("kubernetes"), "spec", "finalizers");
                    obj["status"] = new JsonObject { ["phase"] = "Active" };
                }
                else
                {
                    obj["spec"] = current["spec"]?.DeepClone();
                    obj["status"] = current["status"]?.DeepClone();
                }
                break;
            case "/secrets":
                SecretRules.Normalize(obj, current);
                break;
            case "apiextensions.k8s.io/customresourcedefinitions" when current is null:
                obj["status"] = CrdStatus.Accepted(obj);
                // The cleanup finalizer: deleting a CRD first deletes its custom resources.
                var finalizers = meta["finalizers"] as JsonArray ?? [];
                if (!finalizers.Any(f => f?.GetValue<string>() == "customresourcecleanup.apiextensions.k8s.io"))
                {
                    finalizers.Add("customresourcecleanup.apiextensions.k8s.io");
                }
                meta["finalizers"] = finalizers;
                break;
        }
    }

    /// <summary>Validation common to all types; throws 422 Invalid with the real messages.</summary>
    public static void Validate(ResourceType type, JsonObject obj, JsonObject? current)
    {
        var name = obj.GetString("metadata", "name") ?? "";
        var causes = new List<StatusFactory.Cause>();
        if (current is null)
        {
            causes.AddRange(NameValidation.ValidateObjectName(name, type.StorageKey == "/namespaces"));
        }
        causes.AddRange(NameValidation.ValidateLabels(obj.Get("metadata", "labels").StringMap()));
        if (obj.Get("metadata", "annotations") is JsonObject annotations)
        {
            causes.AddRange(NameValidation.ValidateAnnotationKeys(annotations.Select(a => a.Key)));
        }
        causes.AddRange(OwnerReferenceProblems(obj));
        if (type.StorageKey == "/secrets")
        {
            causes.AddRange(SecretRules.Problems(obj));
        }
        if (type.StorageKey == "/configmaps")
        {
            foreach (var field in new[] { "data", "binaryData" })
            {
                foreach (var key in (obj[field] as JsonObject ?? []).Select(p => p.Key))
                {
                    causes.AddRange(SecretRules.ConfigMapKeyProblems(field, key));
                }
            }
        }
        if (current is not null)
        {
            causes.AddRange(NewFinalizersWhileDeleting(current, obj));
            if (type.StorageKey == "/secrets")
            {
                causes.AddRange(SecretRules.ImmutabilityProblems(current, obj));
            }
            if (type.Kind is "RoleBinding" or "ClusterRoleBinding" && type.Group == "rbac.authorization.k8s.io" && !JsonNode.DeepEquals(current["roleRef"], obj["roleRef"]))
            {
                // ValidateRoleBindingUpdate: the role a binding grants never changes (delete and recreate it).
                var r = obj["roleRef"];
                RoleRefChanged(causes, r);
            }
        }
        if (type == BuiltInTypes.CustomResourceDefinitions)
        {
            causes.AddRange(CrdRuleCompiler.Problems(obj));
        }
        if (type == BuiltInTypes.Leases)
        {
            causes.AddRange(LeaseProblems(obj));
        }
        if (type == BuiltInTypes.CoreEvents)
        {
            causes.AddRange(EventRules.CoreProblems(obj));
        }
        if (current is null && type == BuiltInTypes.EventsV1)
        {
            causes.AddRange(EventRules.EventsV1CreateProblems(obj));
        }
        if (type.IsCustom && type.Schema is { } schema)
        {
            SchemaEngine.PruneAndDefault(obj, schema, path => Http.Warnings.Add($"unknown field \"{path}\""));
            causes.AddRange(SchemaEngine.Validate(obj, schema, current));
        }
        if (causes.Count > 0)
        {
            throw StatusFactory.Invalid(type.KindLabel, type.Group, type.Kind, name, causes);
        }
    }

    private static void RoleRefChanged(List<StatusFactory.Cause> causes, JsonNode? roleRef) =>
        causes.Add(new("FieldValueInvalid", "roleRef",
            $"roleRef: Invalid value: rbac.RoleRef{{APIGroup:{Quote(roleRef.GetString("apiGroup"))}, Kind:{Quote(roleRef.GetString("kind"))}, Name:{Quote(roleRef.GetString("name"))}}}: cannot change roleRef"));

    private static string Quote(string? value) => System.Text.Json.JsonSerializer.Serialize(value ?? "");

    /// <summary>ValidateLeaseSpec (pkg/apis/coordination/validation): a positive duration, no negative transitions.</summary>
    private static IEnumerable<StatusFactory.Cause> LeaseProblems(JsonObject lease)
    {
        if (lease.Get("spec", "leaseDurationSeconds") is JsonValue d && d.TryGetValue<long>(out var duration) && duration <= 0)
        {
            yield return new("FieldValueInvalid", "spec.leaseDurationSeconds", $"spec.leaseDurationSeconds: Invalid value: {duration}: must be greater than 0");
        }
        if (lease.Get("spec", "leaseTransitions") is JsonValue t && t.TryGetValue<long>(out var transitions) && transitions < 0)
        {
            yield return new("FieldValueInvalid", "spec.leaseTransitions", $"spec.leaseTransitions: Invalid value: {transitions}: must be greater than or equal to 0");
        }
    }

    private static IEnumerable<StatusFactory.Cause> OwnerReferenceProblems(JsonObject obj)
    {
        if (obj.Get("metadata", "ownerReferences") is not JsonArray refs)
        {
            yield break;
        }
        var controllers = 0;
        foreach (var r in refs.OfType<JsonObject>())
        {
            foreach (var field in new[] { "apiVersion", "kind", "name", "uid" })
            {
                if (string.IsNullOrEmpty(r.GetString(field)))
                {
                    yield return NameValidation.Required($"metadata.ownerReferences.{field}", field == "uid" ? "uid must not be empty" : $"{field} must not be empty");
                }
            }
            if (r["controller"] is JsonValue c && c.TryGetValue<bool>(out var isController) && isController)
            {
                controllers++;
            }
        }
        if (controllers > 1)
        {
            yield return new("FieldValueInvalid", "metadata.ownerReferences",
                "metadata.ownerReferences: Invalid value: []v1.OwnerReference{...}: Only one reference can have Controller set to true");
        }
    }

    private static IEnumerable<StatusFactory.Cause> NewFinalizersWhileDeleting(JsonObject current, JsonObject desired)
    {
        if (current.GetString("metadata", "deletionTimestamp") is null)
        {
            yield break;
        }
        var before = current.Get("metadata", "finalizers").StringList().ToHashSet(StringComparer.Ordinal);
        var added = desired.Get("metadata", "finalizers").StringList().Where(f => !before.Contains(f)).ToList();
        if (added.Count > 0)
        {
            var list = string.Join(", ", added.Select(a => $"\"{a}\""));
            yield return NameValidation.Forbidden("metadata.finalizers",
                $"no new finalizers can be added if the object is being deleted, found new finalizers []string{{{list}}}");
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex MicroTime();

    /// <summary>metav1.MicroTime is parsed with exactly six fractional digits; anything else is 400 (A2, B13-8).</summary>
    public static void CheckMicroTimes(ResourceType type, JsonObject obj)
    {
        foreach (var path in BuiltInTypes.MicroTimeFields(type))
        {
            var value = obj.GetString(path);
            if (value is not null && !MicroTime().IsMatch(value))
            {
                var rest = value.Length > 19 ? value[19..] : "";
                throw StatusFactory.BadRequest(
                    $"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: parsing time \"{value}\" as \"2006-01-02T15:04:05.000000Z07:00\": cannot parse \"{rest}\" as \".000000\"");
            }
        }
    }
}
