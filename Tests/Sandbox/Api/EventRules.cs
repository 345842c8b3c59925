using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Json;

namespace KamajiKubeconfig.Sandbox.Api;

/// <summary>
/// Event validation (pkg/apis/core/validation/events.go): events.k8s.io/v1 creates must carry the new-style fields;
/// core/v1 Events follow legacyValidateEvent (the involved object's namespace must agree with the Event's, and an
/// Event with an eventTime needs the reporting fields).
/// </summary>
public static class EventRules
{
    /// <summary>legacyValidateEvent for a core/v1 Event (stored shape; core field names).</summary>
    public static IEnumerable<StatusFactory.Cause> CoreProblems(JsonObject stored)
    {
        var ns = stored.GetString("metadata", "namespace") ?? "";
        var involved = stored.GetString("involvedObject", "namespace") ?? "";
        var mismatch = new StatusFactory.Cause("FieldValueInvalid", "involvedObject.namespace",
            $"involvedObject.namespace: Invalid value: {System.Text.Json.JsonSerializer.Serialize(involved)}: does not match event.namespace");
        if (string.IsNullOrEmpty(stored.GetString("eventTime")))
        {
            if (involved.Length == 0 ? ns is not ("" or "default") : ns != involved)
            {
                yield return mismatch;
            }
            yield break;
        }
        if (involved.Length == 0 && ns is not ("default" or "kube-system"))
        {
            yield return mismatch;
        }
        foreach (var field in new[] { "reportingComponent", "reportingInstance", "action", "reason" })
        {
            if (string.IsNullOrEmpty(stored.GetString(field)))
            {
                yield return NameValidation.Required(field, "");
            }
        }
    }

    /// <summary>Problems with an events.k8s.io/v1 Event, already in the stored (core) shape; reported with v1 field names.</summary>
    public static IEnumerable<StatusFactory.Cause> EventsV1CreateProblems(JsonObject stored)
    {
        if (stored.GetString("eventTime") is null)
        {
            yield return NameValidation.Required("eventTime", "");
        }
        foreach (var (coreField, v1Field) in new[] { ("reportingComponent", "reportingController"), ("reportingInstance", "reportingInstance"), ("action", "action"), ("reason", "reason") })
        {
            var value = stored.GetString(coreField);
            if (string.IsNullOrEmpty(value))
            {
                yield return NameValidation.Required(v1Field, "");
            }
            else if (value.Length > 128)
            {
                yield return new("FieldValueTooLong", v1Field, $"{v1Field}: Too long: may not be more than 128 bytes");
            }
        }
        if (stored.GetString("type") is var type && type is not ("Normal" or "Warning"))
        {
            yield return new("FieldValueInvalid", "type", $"type: Invalid value: \"{type}\": has invalid value: {type}");
        }
    }
}
