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

    /// <summary>fieldValidation=Strict refuses fields the CRD schema does not know (kubectl sends Strict).</summary>
    public static void CheckFieldValidation(ApiRequest request, JsonObject body)
    {
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
