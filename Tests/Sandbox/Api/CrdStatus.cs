using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Json;

namespace KamajiKubeconfig.Sandbox.Api;

/// <summary>The status a CRD gets once the sandbox serves it: NamesAccepted and Established (A13).</summary>
public static class CrdStatus
{
    public static JsonObject Accepted(JsonObject crd)
    {
        var now = ObjectRules.FormatTime(DateTimeOffset.UtcNow);
        var names = crd.Get("spec", "names")?.DeepClone() ?? new JsonObject();
        var storedVersions = new JsonArray();
        if (crd.Get("spec", "versions") is JsonArray versions)
        {
            foreach (var v in versions.OfType<JsonObject>().Where(v => v["storage"] is JsonValue s && s.GetValue<bool>()))
            {
                storedVersions.Add(v.GetString("name"));
            }
        }
        return new JsonObject
        {
            ["acceptedNames"] = names,
            ["conditions"] = new JsonArray(
                Condition("NamesAccepted", "NoConflicts", "no conflicts found", now),
                Condition("Established", "InitialNamesAccepted", "the initial names have been accepted", now)),
            ["storedVersions"] = storedVersions,
        };
    }

    private static JsonObject Condition(string type, string reason, string message, string now) => new()
    {
        ["type"] = type,
        ["status"] = "True",
        ["lastTransitionTime"] = now,
        ["reason"] = reason,
        ["message"] = message,
    };
}
