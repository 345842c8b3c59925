using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Json;

namespace KamajiKubeconfig.Sandbox.Api;

/// <summary>
/// JSON values as CEL sees them under a structural schema (apiextensions' UnstructuredToVal): objects become maps,
/// arrays lists, `integer` int64, `number` double, strings and booleans themselves.
/// </summary>
public static class CelValues
{
    public static object? From(JsonNode? node, JsonObject? schema) => node switch
    {
        null => null,
        JsonObject o => o.ToDictionary(p => p.Key, p => From(p.Value, ChildSchema(schema, p.Key)), StringComparer.Ordinal),
        JsonArray a => a.Select(item => From(item, schema?["items"] as JsonObject)).ToList(),
        JsonValue v => Scalar(v, schema?.GetString("type")),
        _ => null,
    };

    private static JsonObject? ChildSchema(JsonObject? schema, string key) =>
        schema?.Get("properties", key) as JsonObject ?? schema?["additionalProperties"] as JsonObject;

    private static object? Scalar(JsonValue value, string? type)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                return value.GetValue<string>();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Number:
                var text = value.ToJsonString();
                if (type != "number" && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
                {
                    return integer;
                }
                return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            default:
                return null;
        }
    }
}
