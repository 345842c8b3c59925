using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Json;

namespace KamajiKubeconfig.Sandbox.Patch;

/// <summary>One metadata.managedFields entry: who owns which fields, by which operation.</summary>
public sealed class ManagedFieldsEntry
{
    public required string Manager { get; init; }
    public required string Operation { get; init; }
    public required string ApiVersion { get; set; }
    public string? Subresource { get; init; }
    public string? Time { get; set; }
    public required FieldSet Fields { get; set; }

    public bool SameOwner(string manager, string operation, string? subresource) =>
        Manager == manager && Operation == operation && (Subresource ?? "") == (subresource ?? "");

    public static List<ManagedFieldsEntry> ReadAll(JsonObject obj)
    {
        if (obj.Get("metadata", "managedFields") is not JsonArray entries)
        {
            return [];
        }
        return [.. entries.OfType<JsonObject>().Select(e => new ManagedFieldsEntry
        {
            Manager = e.GetString("manager") ?? "",
            Operation = e.GetString("operation") ?? "Update",
            ApiVersion = e.GetString("apiVersion") ?? "",
            Subresource = e.GetString("subresource"),
            Time = e.GetString("time"),
            Fields = FieldSet.FromFieldsV1(e["fieldsV1"]),
        })];
    }

    public static void WriteAll(JsonObject obj, IEnumerable<ManagedFieldsEntry> entries)
    {
        var array = new JsonArray();
        foreach (var e in entries.Where(e => !e.Fields.IsEmpty))
        {
            var node = new JsonObject
            {
                ["manager"] = e.Manager,
                ["operation"] = e.Operation,
                ["apiVersion"] = e.ApiVersion,
            };
            if (e.Time is not null)
            {
                node["time"] = e.Time;
            }
            node["fieldsType"] = "FieldsV1";
            node["fieldsV1"] = e.Fields.ToFieldsV1();
            if (!string.IsNullOrEmpty(e.Subresource))
            {
                node["subresource"] = e.Subresource;
            }
            array.Add(node);
        }
        if (array.Count == 0)
        {
            obj.Metadata().Remove("managedFields");
        }
        else
        {
            obj.Metadata()["managedFields"] = array;
        }
    }
}
