using System.Text.Json.Nodes;
using k8s.Models;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Applier;

/// <summary>
/// The JSON bodies we send. Apply bodies hold exactly the fields we own (server-side apply deletes an owned field
/// that an apply leaves out), built fresh, never from an object read back (docs/kubernetes-notes.md B7).
/// </summary>
public static class ApiBodies
{
    /// <summary>
    /// The Secret to create or apply, as the client's model: it is serialized once, as the request (unset fields are
    /// left out, as an apply body needs).
    /// </summary>
    public static V1Secret Secret(DesiredSecret secret) => new()
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Metadata = new V1ObjectMeta
        {
            Name = secret.Ref.Name,
            NamespaceProperty = secret.Ref.Namespace,
            Labels = secret.Labels.ToDictionary(),
            Annotations = secret.Annotations.Count > 0 ? secret.Annotations.ToDictionary() : null,
            OwnerReferences =
            [
                new V1OwnerReference
                {
                    ApiVersion = secret.Owner.ApiVersion,
                    Kind = secret.Owner.Kind,
                    Name = secret.Owner.Name,
                    Uid = secret.Owner.Uid,
                    Controller = secret.Owner.Controller,
                    BlockOwnerDeletion = secret.Owner.BlockOwnerDeletion,
                },
            ],
        },
        Type = "Opaque",
        Data = new Dictionary<string, byte[]> { [WellKnown.ValueKey] = secret.Value ?? [] },
    };

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
}
