using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Json;

namespace KamajiKubeconfig.Sandbox.Api;

/// <summary>Derives the served resource types of a CustomResourceDefinition object.</summary>
public static class CrdTypes
{
    public static IReadOnlyList<ResourceType> FromDefinition(JsonObject crd)
    {
        var spec = crd["spec"] as JsonObject ?? [];
        var group = spec.GetString("group") ?? "";
        var names = spec["names"] as JsonObject ?? [];
        var plural = names.GetString("plural") ?? "";
        var kind = names.GetString("kind") ?? "";
        var singular = names.GetString("singular") ?? kind.ToLowerInvariant();
        var namespaced = spec.GetString("scope") != "Cluster";
        var result = new List<ResourceType>();
        if (spec["versions"] is not JsonArray versions)
        {
            return result;
        }
        foreach (var version in versions.OfType<JsonObject>())
        {
            if (version["served"]?.GetValue<bool>() == false)
            {
                continue;
            }
            var selectable = version["selectableFields"] is JsonArray sf
                ? sf.Select(f => (f.GetString("jsonPath") ?? "").TrimStart('.')).Where(p => p.Length > 0).ToList()
                : [];
            result.Add(new ResourceType
            {
                Group = group,
                Version = version.GetString("name") ?? "",
                Plural = plural,
                Singular = singular,
                Kind = kind,
                Namespaced = namespaced,
                ShortNames = names["shortNames"].StringList(),
                Categories = names["categories"].StringList(),
                HasStatusSubresource = version.Get("subresources", "status") is JsonObject,
                TracksGeneration = true,
                RequiresResourceVersionOnUpdate = true,
                IsCustom = true,
                StorageKey = $"{group}/{plural}",
                ExtraFieldSelectors = selectable,
                UsesFieldLabelNotSupportedMessage = true,
                Schema = version.Get("schema", "openAPIV3Schema") as JsonObject,
                PrinterColumns = PrinterColumns(version),
            });
        }
        return result;
    }

    private static List<PrinterColumn> PrinterColumns(JsonObject version)
    {
        if (version["additionalPrinterColumns"] is not JsonArray columns)
        {
            return [new("Age", "date", ".metadata.creationTimestamp")];
        }
        return [.. columns.OfType<JsonObject>().Select(c => new PrinterColumn(
            c.GetString("name") ?? "",
            c.GetString("type") ?? "string",
            c.GetString("jsonPath") ?? "",
            c.GetString("description") ?? "",
            c["priority"] is JsonValue p ? p.GetValue<int>() : 0,
            c.GetString("format") ?? ""))];
    }
}
