using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KamajiKubeconfig.Sandbox.Json;

namespace KamajiKubeconfig.Sandbox.Api;

/// <summary>
/// What the apiextensions server does with a structural schema on every write: prune unknown fields (unless
/// x-kubernetes-preserve-unknown-fields), apply `default`s, and validate types, required, enum, pattern, lengths and
/// bounds with apiextensions' messages; x-kubernetes-validations rules are evaluated by <see cref="CelValidator"/>.
/// </summary>
public static class SchemaEngine
{
    /// <summary>Prunes unknown fields (reporting each to <paramref name="pruned"/>) and applies defaults.</summary>
    public static void PruneAndDefault(JsonObject obj, JsonObject schema, Action<string>? pruned = null)
    {
        foreach (var (key, value) in obj.ToList())
        {
            if (key is "apiVersion" or "kind" or "metadata")
            {
                continue;
            }
            Walk(key, value, ChildSchema(schema, key), pruned);
        }
        ApplyDefaults(obj, schema, isRoot: true);
    }

    private static JsonObject? ChildSchema(JsonObject schema, string key) =>
        schema.Get("properties", key) as JsonObject ?? schema["additionalProperties"] as JsonObject;

    private static bool Preserves(JsonObject schema) => schema["x-kubernetes-preserve-unknown-fields"] is JsonValue p && p.GetValue<bool>();

    private static void Walk(string path, JsonNode? value, JsonObject? schema, Action<string>? pruned)
    {
        if (schema is null)
        {
            return;
        }
        if (value is JsonObject obj)
        {
            foreach (var (childKey, childValue) in obj.ToList())
            {
                var child = ChildSchema(schema, childKey);
                if (child is null && !Preserves(schema) && schema["additionalProperties"] is not JsonValue)
                {
                    obj.Remove(childKey);
                    pruned?.Invoke($"{path}.{childKey}");
                    continue;
                }
                Walk($"{path}.{childKey}", childValue, child, pruned);
            }
            ApplyDefaults(obj, schema, isRoot: false);
        }
        else if (value is JsonArray list && schema["items"] is JsonObject items)
        {
            var index = 0;
            foreach (var item in list.OfType<JsonObject>())
            {
                foreach (var (childKey, childValue) in item.ToList())
                {
                    var child = ChildSchema(items, childKey);
                    if (child is null && !Preserves(items))
                    {
                        item.Remove(childKey);
                        pruned?.Invoke($"{path}[{index}].{childKey}");
                        continue;
                    }
                    Walk($"{path}[{index}].{childKey}", childValue, child, pruned);
                }
                ApplyDefaults(item, items, isRoot: false);
                index++;
            }
        }
    }

    private static void ApplyDefaults(JsonObject obj, JsonObject schema, bool isRoot)
    {
        if (schema["properties"] is not JsonObject properties)
        {
            return;
        }
        foreach (var (name, propertySchema) in properties)
        {
            if (isRoot && name is "apiVersion" or "kind" or "metadata")
            {
                continue;
            }
            if (!obj.ContainsKey(name) && propertySchema?["default"] is { } value)
            {
                obj[name] = value.DeepClone();
                if (obj[name] is JsonObject created && propertySchema is JsonObject s)
                {
                    ApplyDefaults(created, s, isRoot: false);
                }
            }
        }
    }

    /// <summary>Validation problems as apiextensions reports them (field paths without a leading dot).</summary>
    public static List<StatusFactory.Cause> Validate(JsonObject obj, JsonObject schema, JsonObject? old = null)
    {
        var causes = new List<StatusFactory.Cause>();
        foreach (var (key, value) in obj)
        {
            if (key is "apiVersion" or "kind" or "metadata")
            {
                continue;
            }
            if (ChildSchema(schema, key) is { } child)
            {
                var hasOld = old is not null && old.ContainsKey(key);
                Check(value, child, key, causes, hasOld ? old![key] : null, hasOld);
            }
        }
        Required(obj, schema, "", causes, isRoot: true);
        if (schema["x-kubernetes-validations"] is not null)
        {
            // Root rules see apiVersion, kind and metadata.name/generateName only; the root path prints as "<nil>".
            CelValidator.Check(RootView(obj), old is null ? null : RootView(old), old is not null, schema, "<nil>", causes);
        }
        return causes;
    }

    private static JsonObject RootView(JsonObject obj)
    {
        var view = (JsonObject)obj.DeepClone();
        var meta = new JsonObject();
        foreach (var key in new[] { "name", "generateName" })
        {
            if (obj.Get("metadata", key) is { } value)
            {
                meta[key] = value.DeepClone();
            }
        }
        view["metadata"] = meta;
        return view;
    }

    private static void Required(JsonObject obj, JsonObject schema, string path, List<StatusFactory.Cause> causes, bool isRoot)
    {
        foreach (var name in schema["required"].StringList())
        {
            if (isRoot && name is "apiVersion" or "kind" or "metadata")
            {
                continue;
            }
            if (!obj.ContainsKey(name))
            {
                var field = path.Length == 0 ? name : $"{path}.{name}";
                causes.Add(new("FieldValueRequired", field, $"{field}: Required value"));
            }
        }
    }

    private static void Check(JsonNode? value, JsonObject schema, string path, List<StatusFactory.Cause> causes, JsonNode? old = null, bool hasOld = false)
    {
        if (value is null)
        {
            if (schema["nullable"] is not JsonValue n || !n.GetValue<bool>())
            {
                causes.Add(new("FieldValueTypeInvalid", path, $"{path}: Invalid value: \"null\": {path} in body must be of type {schema.GetString("type") ?? "object"}: \"null\""));
            }
            return;
        }
        var type = schema.GetString("type");
        var actual = TypeOf(value);
        if (type is not null && !(type == actual || type == "number" && actual == "integer") && schema["x-kubernetes-int-or-string"] is null)
        {
            causes.Add(new("FieldValueTypeInvalid", path, $"{path}: Invalid value: \"{actual}\": {path} in body must be of type {type}: \"{actual}\""));
            return;
        }
        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            var list = string.Join(", ", allowed.Select(a => a?.ToJsonString()));
            causes.Add(new("FieldValueNotSupported", path, $"{path}: Unsupported value: {value.ToJsonString()}: supported values: {list}"));
        }
        CelValidator.Check(value, old, hasOld, schema, path, causes);
        if (value is JsonValue scalar)
        {
            CheckScalar(scalar, schema, path, causes);
        }
        else if (value is JsonObject obj)
        {
            foreach (var (key, child) in obj)
            {
                if (ChildSchema(schema, key) is { } childSchema)
                {
                    // Object properties and map entries correlate with the old object by key (ratcheting, oldSelf).
                    var oldObject = hasOld ? old as JsonObject : null;
                    var childHasOld = oldObject is not null && oldObject.ContainsKey(key);
                    Check(child, childSchema, $"{path}.{key}", causes, childHasOld ? oldObject![key] : null, childHasOld);
                }
            }
            Required(obj, schema, path, causes, isRoot: false);
        }
        else if (value is JsonArray list)
        {
            if (schema["maxItems"] is JsonValue max && list.Count > max.GetValue<long>())
            {
                causes.Add(new("FieldValueTooMany", path, $"{path}: Too many: {list.Count}: must have at most {max.GetValue<long>()} items"));
            }
            if (schema["items"] is JsonObject items)
            {
                for (var i = 0; i < list.Count; i++)
                {
                    Check(list[i], items, $"{path}[{i}]", causes);
                }
            }
        }
    }

    private static void CheckScalar(JsonValue value, JsonObject schema, string path, List<StatusFactory.Cause> causes)
    {
        if (value.TryGetValue<string>(out var text))
        {
            if (schema["maxLength"] is JsonValue maxLength && text.Length > maxLength.GetValue<long>())
            {
                causes.Add(new("FieldValueTooLong", path, $"{path}: Too long: may not be more than {maxLength.GetValue<long>()} bytes"));
            }
            if (schema["minLength"] is JsonValue minLength && text.Length < minLength.GetValue<long>())
            {
                causes.Add(new("FieldValueInvalid", path, $"{path}: Invalid value: \"{text}\": {path} in body should be at least {minLength.GetValue<long>()} chars long"));
            }
            if (schema.GetString("pattern") is { } pattern && !Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
            {
                causes.Add(new("FieldValueInvalid", path, $"{path}: Invalid value: \"{text}\": {path} in body should match '{pattern}'"));
            }
        }
        else if (value.TryGetValue<double>(out var number) || double.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number))
        {
            if (schema["minimum"] is JsonValue min && number < min.GetValue<double>())
            {
                causes.Add(new("FieldValueInvalid", path, $"{path}: Invalid value: {value.ToJsonString()}: {path} in body should be greater than or equal to {min.ToJsonString()}"));
            }
            if (schema["maximum"] is JsonValue max && number > max.GetValue<double>())
            {
                causes.Add(new("FieldValueInvalid", path, $"{path}: Invalid value: {value.ToJsonString()}: {path} in body should be less than or equal to {max.ToJsonString()}"));
            }
        }
    }

    private static string TypeOf(JsonNode value) => value switch
    {
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number => IsInteger(v) ? "integer" : "number",
            _ => "null",
        },
        _ => "null",
    };

    private static bool IsInteger(JsonValue v) => long.TryParse(v.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
}
