using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s.Models;

namespace KamajiKubeconfig.Tests.Manifests;

/// <summary>
/// A structural schema for built-in kinds, derived by reflection from the KubernetesClient models. The sandbox stores
/// built-ins without a schema, so a misspelt field or a quoted number would pass its dry-run; the models are generated
/// from the Kubernetes OpenAPI document, so they are a source of truth independent of both the sandbox and us.
/// Reports what kube-apiserver's strict decoding would: every unknown field and every JSON type mismatch, by path.
/// </summary>
public static class ModelSchema
{
    // apiVersion + kind → model, from the [KubernetesEntity] attribute every top-level model carries.
    private static readonly Dictionary<(string ApiVersion, string Kind), Type> Models = typeof(V1Deployment).Assembly.GetTypes()
        .Select(t => (Type: t, Entity: t.GetCustomAttribute<KubernetesEntityAttribute>()))
        .Where(m => m.Entity is not null && m.Type.Namespace == "k8s.Models")
        .GroupBy(m => (m.Entity!.Group.Length == 0 ? m.Entity.ApiVersion : $"{m.Entity.Group}/{m.Entity.ApiVersion}", m.Entity.Kind))
        .ToDictionary(g => g.Key, g => g.First().Type);

    private static readonly ConcurrentDictionary<Type, Dictionary<string, Type>> Fields = new();

    /// <summary>The model of a built-in kind, or null for kinds the client does not know (custom resources).</summary>
    public static Type? ModelFor(string apiVersion, string kind) => Models.GetValueOrDefault((apiVersion, kind));

    /// <summary>Every unknown field and type mismatch of one object against its model, in document order.</summary>
    public static IReadOnlyList<string> Check(JsonNode document, Type model)
    {
        var complaints = new List<string>();
        Walk(document, model, "", complaints);
        return complaints;
    }

    private static void Walk(JsonNode? node, Type type, string path, List<string> complaints)
    {
        // JSON null clears a field in Kubernetes: allowed anywhere.
        if (node is null)
        {
            return;
        }
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(object))
        {
            return;
        }
        if (ElementType(type, typeof(IList<>)) is { } item)
        {
            if (Expect(node, "array", path, complaints) is JsonArray array)
            {
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], item, $"{path}[{i}]", complaints);
                }
            }
            return;
        }
        if (ElementType(type, typeof(IDictionary<,>)) is { } value)
        {
            if (Expect(node, "object", path, complaints) is JsonObject map)
            {
                foreach (var (key, child) in map)
                {
                    Walk(child, value, Join(path, key), complaints);
                }
            }
            return;
        }
        var scalar = ScalarComplaint(node, type);
        if (scalar is not null)
        {
            complaints.Add($"{path}: {scalar}");
            return;
        }
        if (IsScalar(type))
        {
            return;
        }
        if (Expect(node, "object", path, complaints) is JsonObject obj)
        {
            var fields = FieldsOf(type);
            foreach (var (key, child) in obj)
            {
                if (fields.TryGetValue(key, out var fieldType))
                {
                    Walk(child, fieldType, Join(path, key), complaints);
                }
                else
                {
                    complaints.Add($"unknown field \"{Join(path, key)}\"");
                }
            }
        }
    }

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type == typeof(string) || type == typeof(DateTime) || type == typeof(byte[])
        || type == typeof(IntOrString) || type == typeof(ResourceQuantity);

    /// <summary>Null when the node fits a scalar type (or the type is not a scalar), else why not.</summary>
    private static string? ScalarComplaint(JsonNode node, Type type)
    {
        var kind = node.GetValueKind();
        var text = node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        return type switch
        {
            _ when type == typeof(string) || type == typeof(DateTime) => kind == JsonValueKind.String ? null : Got("string", node),
            _ when type == typeof(bool) => kind is JsonValueKind.True or JsonValueKind.False ? null : Got("boolean", node),
            _ when type == typeof(int) || type == typeof(long) => IsInteger(node) ? null : Got("integer", node),
            _ when type == typeof(double) || type == typeof(float) => kind == JsonValueKind.Number ? null : Got("number", node),
            _ when type == typeof(byte[]) => text is not null && Convert.TryFromBase64String(text, new byte[text.Length], out _) ? null : Got("base64 string", node),
            _ when type == typeof(IntOrString) => text is not null || IsInteger(node) ? null : Got("integer or string", node),
            _ when type == typeof(ResourceQuantity) => QuantityComplaint(node, text),
            _ => null,
        };
    }

    private static string? QuantityComplaint(JsonNode node, string? text)
    {
        if (node.GetValueKind() == JsonValueKind.Number)
        {
            return null;
        }
        if (text is null)
        {
            return Got("quantity (string or number)", node);
        }
        try
        {
            _ = new ResourceQuantity(text).ToDecimal();
            return null;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            return $"invalid quantity \"{text}\"";
        }
    }

    private static bool IsInteger(JsonNode node) =>
        node is JsonValue v && (v.TryGetValue<long>(out _) || v.TryGetValue<double>(out var d) && Math.Floor(d) == d);

    private static JsonNode? Expect(JsonNode node, string expected, string path, List<string> complaints)
    {
        var fits = expected == "array" ? node is JsonArray : node is JsonObject;
        if (!fits)
        {
            complaints.Add($"{path}: {Got(expected, node)}");
        }
        return fits ? node : null;
    }

    // Scalars are quoted as they were written, so the complaint shows e.g. the quotes of "1654".
    private static string Got(string expected, JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.Object => $"expected {expected}, got object",
        JsonValueKind.Array => $"expected {expected}, got array",
        JsonValueKind.String => $"expected {expected}, got string {node.ToJsonString()}",
        JsonValueKind.Number => $"expected {expected}, got number {node.ToJsonString()}",
        _ => $"expected {expected}, got boolean {node.ToJsonString()}",
    };

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    /// <summary>T of IList&lt;T&gt;, or the value type of IDictionary&lt;string, T&gt;.</summary>
    private static Type? ElementType(Type type, Type generic) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == generic ? type.GetGenericArguments()[^1] : null;

    private static Dictionary<string, Type> FieldsOf(Type model) => Fields.GetOrAdd(model, t => t.GetProperties()
        .Select(p => (Name: p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name, p.PropertyType))
        .Where(p => p.Name is not null)
        .ToDictionary(p => p.Name!, p => p.PropertyType, StringComparer.Ordinal));
}
