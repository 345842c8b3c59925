using System.Text.Json;
using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Api;
using KamajiKubeconfig.Sandbox.Json;
using KamajiKubeconfig.Sandbox.Protobuf;
using YamlDotNet.Core;

namespace KamajiKubeconfig.Sandbox.Http;

/// <summary>Reads request bodies as the API server's decoders do: JSON, or YAML when the content type says so.</summary>
public static class BodyReader
{
    /// <summary>The body as text; protobuf bodies (kubectl's typed clients) are decoded to JSON first.</summary>
    public static async Task<string> ReadTextAsync(ApiRequest request)
    {
        if (MediaType(request) == "application/vnd.kubernetes.protobuf")
        {
            using var buffer = new MemoryStream();
            await request.Http.Request.Body.CopyToAsync(buffer, request.Aborted);
            if (buffer.Length == 0)
            {
                return "";
            }
            try
            {
                return ProtobufDecoder.Decode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)).ToJsonString();
            }
            catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException or IndexOutOfRangeException)
            {
                throw StatusFactory.BadRequest($"the object provided is unrecognized (must be of type {request.Type.Kind}): {e.Message}");
            }
        }
        using var reader = new StreamReader(request.Http.Request.Body);
        return await reader.ReadToEndAsync(request.Aborted);
    }

    public static string MediaType(ApiRequest request) =>
        (request.Http.Request.ContentType ?? "application/json").Split(';')[0].Trim().ToLowerInvariant();

    /// <summary>An object body of a create or update, checked against the endpoint's apiVersion and kind.</summary>
    public static async Task<JsonObject> ReadObjectAsync(ApiRequest request)
    {
        var text = await ReadTextAsync(request);
        var obj = Parse(text, MediaType(request) is "application/yaml" or "application/apply-patch+yaml", request.Type);
        var apiVersion = obj.GetString("apiVersion");
        var kind = obj.GetString("kind");
        if (!string.IsNullOrEmpty(apiVersion) && apiVersion != request.Type.GroupVersion || !string.IsNullOrEmpty(kind) && kind != request.Type.Kind)
        {
            throw StatusFactory.BadRequest(
                $"the object provided is unrecognized (must be of type {request.Type.Kind}): couldn't get version/kind; " +
                $"the API version in the data ({apiVersion}) does not match the expected API version ({request.Type.GroupVersion})");
        }
        obj["apiVersion"] = request.Type.GroupVersion;
        obj["kind"] = request.Type.Kind;
        return obj;
    }

    /// <summary>Parses JSON (or YAML), answering 400 with the decoder's kind of message on garbage.</summary>
    public static JsonObject Parse(string text, bool yaml, ResourceType type)
    {
        try
        {
            var node = yaml ? YamlToJson.ParseOne(text) : JsonNode.Parse(text, documentOptions: JsonLimits.Document);
            return node as JsonObject ?? throw StatusFactory.BadRequest(
                $"the object provided is unrecognized (must be of type {type.Kind}): couldn't get version/kind; json parse error: expected an object");
        }
        catch (JsonException e)
        {
            throw StatusFactory.BadRequest(
                $"the object provided is unrecognized (must be of type {type.Kind}): couldn't get version/kind; json parse error: {FirstLine(e.Message)}");
        }
        catch (YamlException e)
        {
            throw StatusFactory.BadRequest($"error converting YAML to JSON: yaml: {FirstLine(e.Message)}");
        }
    }

    private static string FirstLine(string message) => message.Split('\n')[0];
}
