using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Api;
using KamajiKubeconfig.Sandbox.Json;

namespace KamajiKubeconfig.Sandbox.Http.Handlers;

/// <summary>POST (create, 201) and PUT (replace, 200; 201 when a PUT creates an Event or Lease) (A2, A7).</summary>
public sealed class CreateUpdateHandler(WritePipeline pipeline)
{
    public async Task CreateAsync(ApiRequest request)
    {
        var type = request.Type;
        var body = await BodyReader.ReadObjectAsync(request);
        CheckNamespace(request, body);
        CheckFieldValidation(request, body);
        var created = pipeline.Create(type, request.Namespace ?? "", ClientView.ToStorage(type, body), WritePipeline.ManagerOf(request), IsDryRun(request));
        await Responses.WriteJsonAsync(request.Http, 201, ClientView.Of(type, created), request.Aborted);
    }

    public async Task UpdateAsync(ApiRequest request)
    {
        var body = await BodyReader.ReadObjectAsync(request);
        CheckNamespace(request, body);
        CheckFieldValidation(request, body);
        var (result, created) = pipeline.Update(request, WriteKind.Put, _ => (JsonObject)body.DeepClone(), WritePipeline.ManagerOf(request), IsDryRun(request));
        await Responses.WriteJsonAsync(request.Http, created ? 201 : 200, ClientView.Of(request.Type, result), request.Aborted);
    }

    /// <summary>The body's namespace must be empty or the URL's (A2).</summary>
    public static void CheckNamespace(ApiRequest request, JsonObject body)
    {
        var bodyNamespace = body.GetString("metadata", "namespace");
        if (request.Type.Namespaced && !string.IsNullOrEmpty(bodyNamespace) && bodyNamespace != request.Namespace)
        {
            throw StatusFactory.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
    }

    /// <summary>
    /// fieldValidation (kubectl sends Strict): fields the kind does not know are refused (Strict), warned about (Warn,
    /// the default) or ignored; a built-in kind never stores them (its Go type has nowhere to keep them).
    /// </summary>
    public static void CheckFieldValidation(ApiRequest request, JsonObject body)
    {
        if (BuiltInSchemas.For(request.Type) is { } builtIn)
        {
            if (BuiltInDecoding.TypeError(body, builtIn) is { } typeError)
            {
                // A value the Go type cannot hold fails decoding, whatever fieldValidation says.
                throw StatusFactory.BadRequest($"{request.Type.Kind} in version \"{request.Type.Version}\" cannot be handled as a {request.Type.Kind}: {typeError}");
            }
            var unknownFields = BuiltInDecoding.UnknownFields(body, builtIn);
            if (unknownFields.Count > 0)
            {
                var type = request.Type;
                var fields = string.Join(", ", unknownFields.Select(f => $"unknown field \"{f}\""));
                switch (request.Query("fieldValidation"))
                {
                    case "Strict":
                        throw StatusFactory.BadRequest($"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: strict decoding error: {fields}");
                    case "Ignore":
                        break;
                    default:
                        foreach (var field in unknownFields)
                        {
                            Warnings.Add($"unknown field \"{field}\"");
                        }
                        break;
                }
                BuiltInDecoding.Prune(body, builtIn);
            }
            return;
        }
        if (request.Query("fieldValidation") == "Strict" && request.Type.Schema is { } schema)
        {
            var unknown = SchemaCheck.UnknownFields(body, schema).ToList();
            if (unknown.Count > 0)
            {
                throw StatusFactory.BadRequest("strict decoding error: " + string.Join(", ", unknown.Select(f => $"unknown field \"{f}\"")));
            }
        }
    }

    public static bool IsDryRun(ApiRequest request) => request.Query("dryRun") == "All";

}
