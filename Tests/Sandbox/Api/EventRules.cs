using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Json;

namespace KamajiKubeconfig.Sandbox.Api;

/// <summary>events.k8s.io/v1 create validation (ValidateEventCreate): the fields a real server requires of new-style events.</summary>
public static class EventRules
{
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
