using System.Text;
using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Api;
using KamajiKubeconfig.Sandbox.Json;

namespace KamajiKubeconfig.Sandbox.Discovery;

/// <summary>
/// /openapi/v2: a Swagger 2.0 document whose definitions are the served kinds' schemas (built-in kinds from the
/// KubernetesClient models, custom resources from their CRDs, with x-kubernetes-group-version-kind). kubectl asks for
/// it as gnostic protobuf (application/com.github.proto-openapi.spec.v2@v1.0+protobuf) to validate what the server
/// cannot (a `kind: List`); other clients get JSON.
/// </summary>
public static class OpenApiV2
{
    // The type kube-openapi answers with (clients ask with the older "...spec.v2@v1.0+protobuf").
    public const string ProtobufType = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

    public static JsonObject Document(ResourceRegistry registry)
    {
        var definitions = new JsonObject();
        foreach (var type in registry.All.DistinctBy(t => (t.Group, t.Version, t.Kind)))
        {
            var schema = (type.Schema ?? BuiltInSchemas.For(type))?.DeepClone() as JsonObject;
            if (schema is null)
            {
                continue;
            }
            if (type.IsCustom && schema["properties"] is JsonObject properties)
            {
                properties["metadata"] = BuiltInSchemas.ObjectMeta.DeepClone();
            }
            schema["x-kubernetes-group-version-kind"] = new JsonArray(new JsonObject { ["group"] = type.Group, ["kind"] = type.Kind, ["version"] = type.Version });
            definitions[DefinitionName(type)] = schema;
        }
        return new JsonObject
        {
            ["swagger"] = "2.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.4" },
            ["paths"] = new JsonObject(),
            ["definitions"] = definitions,
        };
    }

    /// <summary>The document as gnostic's openapi_v2.Document protobuf message.</summary>
    public static byte[] Protobuf(JsonObject document)
    {
        var writer = new ProtoWriter();
        writer.Text(1, document.GetString("swagger"));
        writer.Message(2, info =>
        {
            info.Text(1, document.GetString("info", "title"));
            info.Text(2, document.GetString("info", "version"));
        });
        writer.Message(8, _ => { });
        writer.Message(9, definitions =>
        {
            foreach (var (name, schema) in document["definitions"] as JsonObject ?? [])
            {
                definitions.Message(1, named =>
                {
                    named.Text(1, name);
                    named.Message(2, s => Schema(s, (JsonObject)schema!));
                });
            }
        });
        return writer.ToArray();
    }

    private static void Schema(ProtoWriter writer, JsonObject schema)
    {
        writer.Text(2, schema.GetString("format"));
        writer.Text(4, schema.GetString("description"));
        foreach (var required in schema["required"].StringList())
        {
            writer.Text(19, required);
        }
        if (schema["additionalProperties"] is JsonObject additional)
        {
            writer.Message(21, item => item.Message(1, s => Schema(s, additional)));
        }
        // int-or-string and preserve-unknown-fields carry no type: kubectl's validator accepts anything there.
        if (schema.GetString("type") is { } type && schema["x-kubernetes-preserve-unknown-fields"] is null)
        {
            writer.Message(22, item => item.Text(1, type));
        }
        if (schema["items"] is JsonObject items)
        {
            writer.Message(23, item => item.Message(1, s => Schema(s, items)));
        }
        if (schema["properties"] is JsonObject properties)
        {
            writer.Message(25, props =>
            {
                foreach (var (name, child) in properties)
                {
                    props.Message(1, named =>
                    {
                        named.Text(1, name);
                        named.Message(2, s => Schema(s, (JsonObject)child!));
                    });
                }
            });
        }
        if (schema["x-kubernetes-group-version-kind"] is JsonArray gvks)
        {
            var yaml = new StringBuilder();
            foreach (var gvk in gvks.OfType<JsonObject>())
            {
                yaml.Append($"- group: \"{gvk.GetString("group")}\"\n  kind: {gvk.GetString("kind")}\n  version: {gvk.GetString("version")}\n");
            }
            writer.Message(31, named =>
            {
                named.Text(1, "x-kubernetes-group-version-kind");
                named.Message(2, any => any.Text(2, yaml.ToString()));
            });
        }
    }

    private static string DefinitionName(ResourceType type)
    {
        var group = type.Group.Length == 0 ? "io.k8s.api.core" : string.Join('.', type.Group.Split('.').Reverse());
        return $"{group}.{type.Version}.{type.Kind}";
    }
}
