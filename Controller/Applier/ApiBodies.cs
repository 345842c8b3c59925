using System.Text.Json.Nodes;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Applier;

/// <summary>
/// The JSON bodies we send. Apply bodies hold exactly the fields we own (server-side apply deletes an owned field
/// that an apply leaves out), built fresh, never from an object read back (docs/kubernetes-notes.md B7).
/// </summary>
public static class ApiBodies
{
    public static JsonObject Secret(DesiredSecret secret)
    {
        var metadata = new JsonObject
        {
            ["name"] = secret.Ref.Name,
            ["namespace"] = secret.Ref.Namespace,
            ["labels"] = Map(secret.Labels),
        };
        if (secret.Annotations.Count > 0)
        {
            metadata["annotations"] = Map(secret.Annotations);
        }
        metadata["ownerReferences"] = new JsonArray(new JsonObject
        {
            ["apiVersion"] = secret.Owner.ApiVersion,
            ["kind"] = secret.Owner.Kind,
            ["name"] = secret.Owner.Name,
            ["uid"] = secret.Owner.Uid,
            ["controller"] = secret.Owner.Controller,
            ["blockOwnerDeletion"] = secret.Owner.BlockOwnerDeletion,
        });
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = metadata,
            ["type"] = "Opaque",
            ["data"] = new JsonObject { [WellKnown.ValueKey] = Convert.ToBase64String(secret.Value ?? []) },
        };
    }

    public static JsonObject Status(string generator, GeneratorStatus status)
    {
        var body = new JsonObject
        {
            ["observedGeneration"] = status.ObservedGeneration,
            ["resources"] = status.Resources,
            ["availableResources"] = status.AvailableResources,
        };
        // Kamaji omits errors when there are none; leaving the field out also releases it under apply.
        if (status.Errors.Count > 0)
        {
            body["errors"] = new JsonArray([.. status.Errors.Select(e => new JsonObject { ["resource"] = e.Resource, ["message"] = e.Message })]);
        }
        body["conditions"] = new JsonArray([.. status.Conditions.Select(c => new JsonObject
        {
            ["type"] = c.Type,
            ["status"] = c.Status,
            ["observedGeneration"] = c.ObservedGeneration,
            ["lastTransitionTime"] = c.LastTransitionTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["reason"] = c.Reason,
            ["message"] = c.Message,
        })]);
        return new JsonObject
        {
            ["apiVersion"] = WellKnown.ApiVersion,
            ["kind"] = WellKnown.GeneratorKind,
            ["metadata"] = new JsonObject { ["name"] = generator },
            ["status"] = body,
        };
    }

    /// <summary>
    /// A merge patch that removes <c>status.errors</c> whoever owns it: server-side apply only releases fields its
    /// own manager set, so errors left by another writer (Kamaji's plain status updates) need this to go.
    /// </summary>
    public static JsonObject NoStatusErrors() => new() { ["status"] = new JsonObject { ["errors"] = null } };

    public static JsonObject Finalizers(string resourceVersion, IReadOnlyList<string> finalizers) => new()
    {
        ["metadata"] = new JsonObject
        {
            ["resourceVersion"] = resourceVersion,
            ["finalizers"] = new JsonArray([.. finalizers.Select(f => (JsonNode)JsonValue.Create(f))]),
        },
    };

    private static JsonObject Map(SortedMap map) => new(map.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value))));
}
