using System.Text.Json;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Mapping;

/// <summary>Maps a KubeconfigGenerator as the API returns it (JSON) to the reconcile model, once, at the edge.</summary>
public static class GeneratorMapper
{
    public static Generator FromJson(JsonElement generator)
    {
        var metadata = generator.Child("metadata");
        var spec = generator.Child("spec") ?? default;
        return new Generator(
            metadata?.Child("name").String() ?? "",
            metadata?.Child("uid").String() ?? "",
            metadata?.Child("generation").Int64() ?? 0,
            metadata?.Child("annotations").StringMap() ?? SortedMap.Empty,
            (metadata?.Child("finalizers").Items() ?? []).Select(f => f.GetString() ?? "").ToEquatableList(),
            metadata?.Child("deletionTimestamp") is not null,
            new GeneratorSpec(
                Selector(spec.Child("namespaceSelector")),
                Selector(spec.Child("tenantControlPlaneSelector")),
                Compound(spec.Child("user")),
                spec.Child("groups").Items().Select(g => Compound(g) ?? new CompoundValue(null, null)).ToEquatableList(),
                spec.Child("controlPlaneEndpointFrom").String() ?? WellKnown.DefaultEndpointKey,
                spec.Path("certificate", "validity").String(),
                spec.Path("certificate", "privateKey", "algorithm").String(),
                spec.Path("secretTemplate", "labels").StringMap(),
                spec.Path("secretTemplate", "annotations").StringMap()),
            Status(generator.Child("status")),
            metadata?.Child("resourceVersion").String() ?? "");
    }

    private static LabelSelector? Selector(JsonElement? selector) => selector is null ? null : new LabelSelector(
        selector.Value.Child("matchLabels").StringMap(),
        selector.Value.Child("matchExpressions").Items().Select(e => new LabelSelectorRequirement(
            e.Child("key").String() ?? "",
            e.Child("operator").String() ?? "",
            e.Child("values").Items().Select(v => v.GetString() ?? "").ToEquatableList())).ToEquatableList());

    private static CompoundValue? Compound(JsonElement? value) => value is null ? null
        : new CompoundValue(value.Value.Child("stringValue").String(), value.Value.Child("fromDefinition").String());

    private static GeneratorStatus? Status(JsonElement? status) => status is null ? null : new GeneratorStatus(
        status.Value.Child("observedGeneration").Int64(),
        (int)status.Value.Child("resources").Int64(),
        (int)status.Value.Child("availableResources").Int64(),
        status.Value.Child("errors").Items()
            .Select(e => new StatusError(e.Child("resource").String() ?? "", e.Child("message").String() ?? "")).ToEquatableList(),
        status.Value.Child("conditions").Items().Select(c => new Condition(
            c.Child("type").String() ?? "",
            c.Child("status").String() ?? "",
            c.Child("observedGeneration").Int64(),
            c.Child("lastTransitionTime").Time(),
            c.Child("reason").String() ?? "",
            c.Child("message").String() ?? "")).ToEquatableList());
}
