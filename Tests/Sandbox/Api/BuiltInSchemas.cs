using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Xml.Linq;
using k8s.Models;

namespace KamajiKubeconfig.Sandbox.Api;

/// <summary>
/// OpenAPI v3 schemas of the built-in kinds, derived from the KubernetesClient models (generated from the Kubernetes
/// OpenAPI document) and their XML documentation: the fields strict decoding knows, the descriptions kubectl explain
/// prints, and which strings are times. Structs carry properties, maps additionalProperties; a recursive type is cut
/// at its second appearance (x-kubernetes-preserve-unknown-fields).
/// </summary>
public static class BuiltInSchemas
{
    private static readonly Dictionary<(string ApiVersion, string Kind), Type> Models = typeof(V1Secret).Assembly.GetTypes()
        .Select(t => (Type: t, Entity: t.GetCustomAttribute<KubernetesEntityAttribute>()))
        .Where(m => m.Entity is not null && m.Type.Namespace == "k8s.Models" && !m.Type.Name.EndsWith("List", StringComparison.Ordinal))
        .GroupBy(m => (m.Entity!.Group.Length == 0 ? m.Entity.ApiVersion : $"{m.Entity.Group}/{m.Entity.ApiVersion}", m.Entity.Kind))
        .ToDictionary(g => g.Key, g => g.First().Type);

    private static readonly ConcurrentDictionary<string, JsonObject?> Cache = new(StringComparer.Ordinal);

    private static readonly Lazy<Dictionary<string, string>> Descriptions = new(LoadDescriptions);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<JsonObject, GoField> GoFields = [];

    /// <summary>The Go struct holding a field and the field's Go type, as decoding errors name them.</summary>
    public sealed record GoField(string Struct, string Type);

    /// <summary>The Go names behind a property schema of <see cref="For"/>, when it is one.</summary>
    public static GoField? GoFieldOf(JsonObject propertySchema) => GoFields.TryGetValue(propertySchema, out var field) ? field : null;

    /// <summary>The schema of a built-in type (null for custom resources and kinds the models lack). Do not mutate.</summary>
    public static JsonObject? For(ResourceType type) => type.IsCustom ? null : Cache.GetOrAdd($"{type.GroupVersion}/{type.Kind}", _ =>
        Models.TryGetValue((type.GroupVersion, type.Kind), out var model) ? Object(model, []) : null);

    /// <summary>ObjectMeta's schema, which kube-apiserver also publishes for the metadata of custom resources.</summary>
    public static JsonObject ObjectMeta { get; } = Object(typeof(V1ObjectMeta), []);

    private static JsonObject Object(Type model, HashSet<Type> stack)
    {
        var schema = new JsonObject { ["type"] = "object" };
        if (Description($"T:{model.FullName}") is { } description)
        {
            schema["description"] = description;
        }
        if (!stack.Add(model))
        {
            schema["x-kubernetes-preserve-unknown-fields"] = true;
            return schema;
        }
        var properties = new JsonObject();
        foreach (var property in model.GetProperties())
        {
            if (property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name is not { } name)
            {
                continue;
            }
            var child = Of(property.PropertyType, stack);
            GoFields.AddOrUpdate(child, new GoField(GoName(model), GoType(property.PropertyType)));
            if (Description($"P:{model.FullName}.{property.Name}") is { } text)
            {
                child["description"] = text;
            }
            properties[name] = child;
        }
        schema["properties"] = properties;
        stack.Remove(model);
        return schema;
    }

    private static JsonObject Of(Type type, HashSet<Type> stack)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IList<>))
        {
            return new JsonObject { ["type"] = "array", ["items"] = Of(type.GetGenericArguments()[0], stack) };
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IDictionary<,>))
        {
            return new JsonObject { ["type"] = "object", ["additionalProperties"] = Of(type.GetGenericArguments()[1], stack) };
        }
        return type switch
        {
            _ when type == typeof(string) => new JsonObject { ["type"] = "string" },
            _ when type == typeof(bool) => new JsonObject { ["type"] = "boolean" },
            _ when type == typeof(int) => new JsonObject { ["type"] = "integer", ["format"] = "int32" },
            _ when type == typeof(long) => new JsonObject { ["type"] = "integer", ["format"] = "int64" },
            _ when type == typeof(double) || type == typeof(float) => new JsonObject { ["type"] = "number", ["format"] = "double" },
            _ when type == typeof(DateTime) => new JsonObject { ["type"] = "string", ["format"] = "date-time" },
            _ when type == typeof(byte[]) => new JsonObject { ["type"] = "string", ["format"] = "byte" },
            _ when type == typeof(IntOrString) => new JsonObject { ["x-kubernetes-int-or-string"] = true },
            _ when type == typeof(ResourceQuantity) => new JsonObject { ["x-kubernetes-int-or-string"] = true },
            _ when type == typeof(object) || type.Namespace != "k8s.Models" => new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true },
            _ => Object(type, stack),
        };
    }

    /// <summary>"V1PodSecurityContext" → "PodSecurityContext", "Corev1Event" → "Event".</summary>
    private static string GoName(Type model) => System.Text.RegularExpressions.Regex.Replace(model.Name, "^(V[0-9]+|[A-Z][a-z]+v[0-9]+)", "");

    private static string GoType(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IList<>))
        {
            return "[]" + GoType(type.GetGenericArguments()[0]);
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IDictionary<,>))
        {
            return "map[string]" + GoType(type.GetGenericArguments()[1]);
        }
        return type switch
        {
            _ when type == typeof(string) => "string",
            _ when type == typeof(bool) => "bool",
            _ when type == typeof(int) => "int32",
            _ when type == typeof(long) => "int64",
            _ when type == typeof(double) || type == typeof(float) => "float64",
            _ when type == typeof(byte[]) => "[]uint8",
            _ when type == typeof(DateTime) => "v1.Time",
            _ when type == typeof(IntOrString) => "intstr.IntOrString",
            _ when type == typeof(ResourceQuantity) => "resource.Quantity",
            _ when type.Namespace == "k8s.Models" => "v1." + GoName(type),
            _ => "interface {}",
        };
    }

    private static string? Description(string member) => Descriptions.Value.GetValueOrDefault(member);

    private static Dictionary<string, string> LoadDescriptions()
    {
        var path = Path.Combine(Path.GetDirectoryName(typeof(V1Secret).Assembly.Location) ?? AppContext.BaseDirectory, "KubernetesClient.xml");
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return result;
        }
        foreach (var member in XDocument.Load(path).Descendants("member"))
        {
            var name = member.Attribute("name")?.Value;
            var summary = member.Element("summary")?.Value;
            if (name is not null && !string.IsNullOrWhiteSpace(summary))
            {
                result[name] = string.Join(' ', summary.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            }
        }
        return result;
    }
}
